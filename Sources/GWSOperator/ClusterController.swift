import Foundation
import GWSDiscovery
import GWSHealth
import GWSReconciler
import GWSRuntime
import GWSSpec
import Logging

/// Holds the desired and observed state of one local deployment and
/// executes the reconciler's actions through the local process driver.
///
/// It never decides by itself: every decision is ``Reconciler/reconcile(desired:observed:now:)``
/// on a snapshot; this actor records observations (process exits, probe
/// verdicts) and queues the deployment key when something changed.
public actor ClusterController {
    public let deploymentName: String
    private(set) var loaded: LoadedSpec
    private(set) var desired: DesiredState
    private(set) var observed: [String: ObservedInstance] = [:]
    /// Rolling restarts asked for, by role (see `ClusterController+Rollout.swift`).
    var rollouts: [String: RolloutRequest] = [:]
    private var probeStates: [String: InstanceProbeState] = [:]
    private var probeTasks: [String: Task<Void, Never>] = [:]
    private var lastExit: [String: String] = [:]
    private var rememberedPorts: [String: [String: Int]]
    private var shuttingDown = false
    private var externalStoreProblems: [String] = []
    /// The last database bootstrap and demo seeding started (each waits for the one before).
    private var postgresBootstrap: Task<Void, Never>?

    let driver: LocalProcessDriver
    let registry: ConsulRegistry?
    let queue: WorkQueue<String>
    let clock: any GWSClock
    let state: StateDirectory
    let planContext: PlanContext
    let metrics: OperatorMetrics
    let logger: Logger
    private let prober: HTTPProber
    private let jitter: @Sendable () -> Double
    /// Asked right before each start (Redis HA: which role a Redis node takes, or wait).
    let startHook: (any InstanceStartHook)?

    init(
        loaded: LoadedSpec, planContext: PlanContext, driver: LocalProcessDriver, registry: ConsulRegistry?,
        queue: WorkQueue<String>, clock: any GWSClock, state: StateDirectory, metrics: OperatorMetrics,
        prober: HTTPProber, logger: Logger, jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        startHook: (any InstanceStartHook)? = nil
    ) {
        self.startHook = startHook
        self.deploymentName = loaded.name
        self.loaded = loaded
        self.planContext = planContext
        self.desired = DesiredStatePlanner.plan(loaded.spec, context: planContext)
        self.driver = driver
        self.registry = registry
        self.queue = queue
        self.clock = clock
        self.state = state
        self.metrics = metrics
        self.prober = prober
        self.logger = logger
        self.jitter = jitter
        self.rememberedPorts = state.readJSON([String: [String: Int]].self, from: state.portsFile) ?? [:]
    }

    var restartPolicy: RestartPolicy {
        let local = loaded.spec.local
        return RestartPolicy(
            backoff: ExponentialBackoff(
                base: .seconds(max(1, local.restartBackoffBaseSeconds)),
                max: .seconds(max(1, local.restartBackoffMaxSeconds))),
            stableAfter: .seconds(max(1, local.stableRunSeconds)))
    }

    // MARK: - Adoption

    /// Adopts the processes a previous operator left running.
    func adopt() async {
        let records = await driver.adoptRecorded()
        let now = clock.now()
        let wallNow = Date().timeIntervalSince1970
        for record in records {
            let age = Duration.seconds(max(0, wallNow - record.startedAtEpoch))
            observed[record.id] = ObservedInstance(
                id: record.id, configHash: record.configHash, pid: record.pid, ports: record.ports, phase: .running,
                restarts: record.restarts, startedAt: now - age)
            rememberedPorts[record.id] = record.ports
            if let spec = desired.instances[record.id] {
                await registerAdopted(spec: spec, record: record)
                startProbing(spec: spec, port: record.ports["probe"] ?? record.ports["http"] ?? 0)
            }
        }
        restoreRollouts()
        if !records.isEmpty {
            logger.info("adopted running instances", metadata: ["count": "\(records.count)"])
        }
    }

    /// The registry lives in the operator's memory: put adopted instances back
    /// as they registered themselves, so discovery answers at once. The check
    /// starts as one readiness probe finds the instance now (Consul would start
    /// it critical): a proxy asking the new registry right after a takeover
    /// must not see every ready instance missing until the first check runs.
    private func registerAdopted(spec: InstanceSpec, record: InstanceRecord) async {
        guard let registry, let port = record.ports["http"] else { return }
        let host = spec.environment[ServiceEnvironmentKeys.host] ?? "127.0.0.1"
        var probe = spec.probes.readiness
        probe.timeoutSeconds = 1
        let ready = await prober.probe(host: host, port: port, spec: probe).success
        let tags = [loaded.spec.deploymentGlobals.location, loaded.spec.deploymentGlobals.deploymentTag].filter {
            !$0.isEmpty
        }
        let registration = ConsulServiceRegistration(
            id: spec.id, name: spec.serviceName, tags: tags, address: host, port: port,
            meta: ["role": spec.role, "instance": spec.id],
            checks: [
                ConsulCheckDefinition(
                    checkID: "service:\(spec.id)", name: "readyz", http: "http://\(host):\(port)/readyz",
                    interval: "1s", timeout: "1s", deregisterCriticalServiceAfter: "1m",
                    status: ready ? .passing : .critical)
            ])
        do { try await registry.register(registration) } catch {
            logger.warning("could not re-register adopted instance", metadata: ["instance": "\(spec.id)"])
        }
    }

    // MARK: - Desired state

    /// Replaces the desired state; returns the plan. With `dryRun` nothing changes.
    func apply(_ newLoaded: LoadedSpec, dryRun: Bool) -> [PlanStep] {
        let newDesired = DesiredStatePlanner.plan(newLoaded.spec, context: planContext)
        let result = Reconciler.reconcile(desired: newDesired, observed: observed, now: clock.now())
        let plan = result.actions.map(Self.planStep)
        if !dryRun {
            loaded = newLoaded
            desired = newDesired
            try? AppliedValuesStore.write(newLoaded.userValues, state)
            Task { await queue.add(deploymentName) }
        }
        return plan
    }

    static func planStep(_ action: ReconcileAction) -> PlanStep {
        switch action {
        case .start(let spec, let reason): PlanStep(operation: "start", instance: spec.id, reason: reason.rawValue)
        case .stop(let id, let reason): PlanStep(operation: "stop", instance: id, reason: reason.rawValue)
        case .replace(let spec, let reason):
            PlanStep(operation: "replace", instance: spec.id, reason: reason.rawValue)
        }
    }

    // MARK: - Reconcile

    /// One reconcile of the deployment: snapshot → pure reconciler → execute.
    func reconcileOnce() async throws -> ReconcileResult {
        guard !shuttingDown else { return ReconcileResult(actions: []) }
        let passing = await rolloutPassing()
        let result = Reconciler.reconcile(
            desired: desired, observed: observed, rollouts: rolloutRequests(), passing: passing, now: clock.now())
        var failures: [String] = []
        for action in result.actions {
            do { try await execute(action) } catch {
                failures.append("\(action.instanceID): \(error)")
                logger.error("action failed", metadata: ["instance": "\(action.instanceID)", "error": "\(error)"])
            }
        }
        if !failures.isEmpty { throw RuntimeError(failures.joined(separator: "; ")) }
        return result
    }

    private func execute(_ action: ReconcileAction) async throws {
        switch action {
        case .start(let spec, let reason):
            if await heldBack(spec) { return }
            var restarts = observed[spec.id]?.restarts ?? 0
            let crashes = observed[spec.id]?.consecutiveCrashes ?? 0
            if reason == .crashed { restarts += 1 }
            try await start(spec, restarts: restarts, consecutiveCrashes: crashes)
            if reason == .crashed { metrics.instanceRestarts.increment() }
        case .stop(let id, let reason):
            logger.info("stopping instance", metadata: ["instance": "\(id)", "reason": "\(reason.rawValue)"])
            if reason == .rolloutRestart { await drain(id: id) }
            await stop(id: id)
            observed[id] = nil
            rememberedPorts[id] = nil
        case .replace(let spec, let reason):
            logger.info("replacing instance", metadata: ["instance": "\(spec.id)", "reason": "\(reason.rawValue)"])
            let previous = observed[spec.id]
            if reason == .rolloutRestart { await drain(id: spec.id) }
            await stop(id: spec.id)
            let probeRestart = reason == .livenessFailed || reason == .startupFailed
            let restarts = (previous?.restarts ?? 0) + (probeRestart ? 1 : 0)
            if probeRestart { metrics.instanceRestarts.increment() }
            if previous?.ports != nil, reason == .configChanged { rememberedPorts[spec.id] = nil }
            if await heldBack(spec) { return }
            try await start(spec, restarts: restarts, consecutiveCrashes: 0)
        }
    }

    /// Asks the start hook; when it says wait, records the instance as not
    /// running with a restart due after the wait, and requeues then.
    private func heldBack(_ spec: InstanceSpec) async -> Bool {
        guard let startHook, case .wait(let delay, let reason) = await startHook.beforeStart(spec) else { return false }
        var o = observed[spec.id] ?? ObservedInstance(id: spec.id, configHash: spec.configHash)
        o.phase = .exited(description: reason, restartAt: clock.now() + delay)
        o.pid = nil
        o.ready = false
        o.started = false
        observed[spec.id] = o
        logger.debug("start held back", metadata: ["instance": "\(spec.id)", "reason": "\(reason)"])
        await queue.add(deploymentName, after: delay)
        return true
    }

    private func start(_ spec: InstanceSpec, restarts: Int, consecutiveCrashes: Int) async throws {
        let ports = try allocatePorts(for: spec)
        observed[spec.id] = ObservedInstance(
            id: spec.id, configHash: spec.configHash, ports: ports, phase: .running, restarts: restarts,
            consecutiveCrashes: consecutiveCrashes, startedAt: clock.now())
        do {
            let record = try await driver.start(spec, ports: ports, restarts: restarts)
            observed[spec.id]?.pid = record.pid
            rememberedPorts[spec.id] = ports
            try? state.writeJSON(rememberedPorts, to: state.portsFile)
            startProbing(spec: spec, port: ports["probe"] ?? ports["http"] ?? 0)
        } catch {
            // Treat a failed spawn like a crash, so backoff applies.
            recordExit(id: spec.id, description: "\(error)")
            throw error
        }
    }

    private func stop(id: String) async {
        observed[id]?.phase = .stopping
        observed[id]?.ready = false
        probeTasks.removeValue(forKey: id)?.cancel()
        probeStates[id] = nil
        // Out of rotation first, then stop.
        await registry?.deregister(serviceID: id)
        let grace = Duration.seconds(desired.instances[id]?.terminationGracePeriodSeconds ?? 10)
        await driver.stop(id: id, grace: grace)
    }

    private func allocatePorts(for spec: InstanceSpec) throws -> [String: Int] {
        // Every port another instance has or will have: the running ones, the fixed ones (stores get
        // theirs before they listen: a standby starts only after its base backup) and the remembered
        // ones — a free port is not a port nobody will take, the kernel may hand it out again.
        var taken = Set(observed.filter { $0.key != spec.id }.values.flatMap { $0.ports.values })
        for (id, other) in desired.instances where id != spec.id {
            for request in other.ports where request.port != 0 { taken.insert(request.port) }
        }
        for (id, ports) in rememberedPorts where id != spec.id { taken.formUnion(ports.values) }
        let host = spec.environment[ServiceEnvironmentKeys.host] ?? "127.0.0.1"
        var ports: [String: Int] = [:]
        for request in spec.ports {
            let port: Int
            if request.port != 0 {
                port = request.port
                // SO_REUSEPORT would let a shared port join another process's listener (another
                // cluster's proxy on the same port) without an error: the first of the role checks it is free.
                if request.shared, sharedPort(request.name, role: spec.role, except: spec.id) == nil,
                    !PortAllocator.isFree(port, host: host)
                {
                    throw RuntimeError(
                        "\(spec.id): port \(port) (\(request.name)) is in use by another process; free it or choose another port")
                }
            } else if request.shared, let sharedPort = sharedPort(request.name, role: spec.role, except: spec.id) {
                port = sharedPort
            } else {
                port = try PortAllocator.allocate(
                    preferred: rememberedPorts[spec.id]?[request.name], host: host, avoiding: taken)
            }
            taken.insert(port)
            ports[request.name] = port
        }
        return ports
    }

    /// The port named `name` that another running instance of `role` listens on (a shared port).
    private func sharedPort(_ name: String, role: String, except id: String) -> Int? {
        observed.first { key, instance in
            key != id && key.split(separator: "-").dropLast().joined(separator: "-") == role && instance.ports[name] != nil
        }?.value.ports[name]
    }

    // MARK: - Observations

    /// A process exited without being asked to.
    func processExited(id: String, description: String) async {
        guard observed[id] != nil else { return }
        await registry?.deregister(serviceID: id)
        recordExit(id: id, description: description)
        await queue.add(deploymentName)
    }

    private func recordExit(id: String, description: String) {
        guard var o = observed[id] else { return }
        probeTasks.removeValue(forKey: id)?.cancel()
        probeStates[id] = nil
        let now = clock.now()
        let ranFor = o.startedAt.map { now - $0 } ?? .zero
        let policy = restartPolicy
        o.consecutiveCrashes = policy.crashCount(previous: o.consecutiveCrashes, ranFor: ranFor)
        let delay = policy.restartDelay(consecutiveCrashes: o.consecutiveCrashes, jitter: jitter())
        o.phase = .exited(description: description, restartAt: now + delay)
        o.pid = nil
        o.ready = false
        o.started = false
        lastExit[id] = description
        observed[id] = o
        logger.warning(
            "instance exited",
            metadata: [
                "instance": "\(id)", "status": "\(description)", "restartIn": "\(delay)",
                "consecutiveCrashes": "\(o.consecutiveCrashes)",
            ])
    }

    private func startProbing(spec: InstanceSpec, port: Int) {
        probeTasks.removeValue(forKey: spec.id)?.cancel()
        probeStates[spec.id] = InstanceProbeState(probes: spec.probes)
        let host = spec.environment[ServiceEnvironmentKeys.host] ?? "127.0.0.1"
        let loop = ProbeLoop(
            instanceID: spec.id, host: host, port: port, probes: spec.probes, mode: spec.probeMode, prober: prober,
            clock: clock,
            controller: self)
        probeTasks[spec.id] = Task { await loop.run() }
    }

    /// A probe result. Queues a reconcile only when it asks for action.
    func recordProbe(id: String, kind: ProbeKind, success: Bool, reason: String) async {
        guard var probe = probeStates[id], var o = observed[id], o.phase == .running else { return }
        let changed = probe.record(kind, success: success, reason: reason)
        probeStates[id] = probe
        guard changed else { return }
        o.started = probe.started
        o.ready = probe.ready
        o.livenessFailed = probe.livenessFailed
        o.startupFailed = probe.startupFailed
        observed[id] = o
        logger.info(
            "probe state changed",
            metadata: [
                "instance": "\(id)", "probe": "\(kind.rawValue)", "ready": "\(o.ready)",
                "reason": "\(success ? "" : reason)",
            ])
        if o.ready, kind == .readiness || kind == .startup, desired.instances[id]?.store == .postgres,
            let port = o.ports["http"]
        {
            let logger = self.logger
            let demoTenant = loaded.spec.local.demoTenant
            let stateRoot = state.root
            // With HA, both servers: the bootstrap goes to the writable one.
            let ports = planContext.managedStores[.postgres].map { [$0.port] + $0.companions.map(\.port) } ?? [port]
            // One at a time (with HA both servers become ready): a second seeding then finds the first's credentials.
            let previous = postgresBootstrap
            postgresBootstrap = Task {
                await previous?.value
                await PostgresBootstrap.ensureDatabases(ports: ports, logger: logger)
                await PostgresBootstrap.seedDemoTenant(demoTenant, ports: ports, stateRoot: stateRoot, logger: logger)
            }
        }
        if o.livenessFailed || o.startupFailed {
            await queue.add(deploymentName)
        }
    }

    func probeKinds(id: String) -> [ProbeKind]? { probeStates[id]?.dueKinds }

    // MARK: - Status and shutdown

    var currentSpec: DeploymentSpec { loaded.spec }

    func setExternalStoreProblems(_ problems: [String]) { externalStoreProblems = problems }

    /// Kubernetes-style conditions: Ready, Progressing, Degraded (with why).
    func conditions(rows: [InstanceStatus], ready: Int, desired: Int) -> [StatusCondition] {
        let allReady = ready == desired && rows.count == desired
        var degraded: [String] = rows.filter { $0.state == "CrashLoopBackOff" }.map {
            "\($0.instance) is restarting after it exited (\($0.lastExit ?? "unknown"))"
        }
        degraded += rows.filter { ["postgres", "redis", "redis-sentinel", "elasticsearch"].contains($0.role) && !$0.ready && $0.state != "CrashLoopBackOff" }
            .map { "store \($0.instance) is not ready" }
        degraded += externalStoreProblems
        return [
            StatusCondition(
                type: "Ready", status: allReady ? "True" : "False", reason: allReady ? "AllInstancesReady" : "InstancesNotReady",
                message: "\(ready)/\(desired) instances ready"),
            StatusCondition(
                type: "Progressing", status: allReady ? "False" : "True", reason: allReady ? "Converged" : "Reconciling",
                message: allReady ? "" : "waiting for \(desired - ready) instance\(desired - ready == 1 ? "" : "s")"),
            StatusCondition(
                type: "Degraded", status: degraded.isEmpty ? "False" : "True",
                reason: degraded.isEmpty ? "AsExpected" : "InstancesFailing", message: degraded.joined(separator: "; ")),
        ]
    }

    func status(operatorPID: Int32, consulURL: String) -> OperatorStatus {
        let now = clock.now()
        var rows: [InstanceStatus] = []
        let ids = Set(desired.instances.keys).union(observed.keys)
        let order = desired.ordered.map(\.id)
        let sorted = ids.sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
        for id in sorted {
            let spec = desired.instances[id]
            let o = observed[id]
            let state: String
            switch o?.phase {
            case nil: state = "Pending"
            case .stopping: state = "Stopping"
            case .exited: state = "CrashLoopBackOff"
            case .running: state = o!.ready ? "Running" : "Starting"
            }
            rows.append(
                InstanceStatus(
                    role: spec?.role ?? String(id.split(separator: "-").dropLast().joined(separator: "-")),
                    instance: id, pid: o?.pid, port: o?.ports["http"], ready: o?.ready ?? false,
                    restarts: o?.restarts ?? 0, state: state,
                    ageSeconds: o?.startedAt.map { Self.seconds(now - $0) }, lastExit: lastExit[id]))
        }
        let ready = rows.filter { $0.ready && desired.instances[$0.instance] != nil }.count
        let desiredCount = desired.instances.count
        let crashLooping = rows.contains { $0.state == "CrashLoopBackOff" }
        let phase =
            ready == desiredCount && rows.count == desiredCount && externalStoreProblems.isEmpty
            ? "Running" : (crashLooping || !externalStoreProblems.isEmpty) ? "Degraded" : "Progressing"
        let proxy = observed["proxy-0"]
        let host = loaded.spec.local.bindAddress
        return OperatorStatus(
            deployment: deploymentName, phase: phase,
            proxy: proxy?.ports["http"].map { "http://\(host):\($0)" } ?? "",
            proxyHTTPS: proxy?.ports["https"].map { "https://\(host):\($0)" }, consul: consulURL,
            stateDir: state.root.path, operatorPID: operatorPID, desiredInstances: desiredCount,
            readyInstances: ready, instances: rows,
            conditions: conditions(rows: rows, ready: ready, desired: desiredCount))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Stops every instance (gracefully) and stops reconciling.
    func shutdown() async {
        shuttingDown = true
        for task in probeTasks.values { task.cancel() }
        probeTasks = [:]
        for id in observed.keys { observed[id]?.phase = .stopping }
        for id in observed.keys { await registry?.deregister(serviceID: id) }
        await driver.stopAll(grace: .seconds(loaded.spec.local.terminationGracePeriodSeconds))
        observed = [:]
    }

    /// Leaves every instance running (the operator is going away but the cluster is not).
    func detach() {
        shuttingDown = true
        for task in probeTasks.values { task.cancel() }
        probeTasks = [:]
    }
}
