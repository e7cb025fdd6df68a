import AsyncHTTPClient
import Foundation
import GWSDiscovery
import GWSHealth
import GWSReconciler
import GWSRuntime
import GWSSpec
import Hummingbird
import Logging
import ServiceLifecycle

typealias GWSRuntimeEvent = LocalProcessDriver.Event

/// How to run the operator in local mode.
public struct OperatorOptions: Sendable {
    public var stateDir: String
    /// The `gws-service` executable.
    public var serviceBinary: String
    /// Values from the command line (`-f`, `--set`); empty: the values applied last, else the defaults.
    public var request: ApplyRequest
    /// Wait for the operator that holds the state directory to be gone, then
    /// take over (adopting its instances) instead of failing at once.
    public var standby: Bool
    /// Whether SIGTERM/SIGINT stop this operator (false when a supervising
    /// group, ``RegistryElectedOperator``, handles them).
    public var handlesSignals: Bool

    public init(
        stateDir: String, serviceBinary: String, request: ApplyRequest = ApplyRequest(), standby: Bool = false,
        handlesSignals: Bool = true
    ) {
        self.stateDir = stateDir
        self.serviceBinary = serviceBinary
        self.request = request
        self.standby = standby
        self.handlesSignals = handlesSignals
    }
}

/// An operator that validated its spec, holds its state directory's lock and
/// knows its ports, ready to ``run()``.
public struct PreparedOperator: Sendable {
    public let adminURL: String
    public let consulURL: String
    public let stateDir: String
    let group: ServiceGroup
    let lock: OperatorLock
    let state: StateDirectory
    let stepDown: StepDown

    /// Runs until SIGINT/SIGTERM or `gwsctl down`, then stops every instance
    /// gracefully; after `gwsctl step-down` it leaves them running, and leaves
    /// `operator.json` too: the next operator binds the same admin/Consul port,
    /// which every instance has in its environment (another port would change
    /// their configuration and replace them all).
    public func run() async throws {
        defer {
            if !stepDown.requested { try? FileManager.default.removeItem(at: state.operatorFile) }
        }
        try await group.run()
        _ = lock
    }

    public func triggerShutdown() async { await group.triggerGracefulShutdown() }

    /// Stops acting without stopping the instances (as `gwsctl step-down`
    /// does): ``run()`` returns once the services stopped.
    public func stepDownAndLeaveInstances() async {
        stepDown.request()
        await group.triggerGracefulShutdown()
    }
}

public enum OperatorRunner {
    /// Validates the spec (throwing ``SpecErrors`` with every error, starting
    /// nothing), takes the state directory, adopts what a previous operator
    /// left running, and wires the services.
    public static func prepare(options: OperatorOptions, logger: Logger) async throws -> PreparedOperator {
        try await prepare(options: options, heldLock: nil, logger: logger)
    }

    /// ``prepare(options:logger:)`` with the state directory's lock already
    /// taken (by ``RegistryElectedOperator``, once elected).
    static func prepare(options: OperatorOptions, heldLock: OperatorLock?, logger: Logger) async throws
        -> PreparedOperator
    {
        let state = StateDirectory(path: options.stateDir)
        try state.create()
        let lock: OperatorLock
        if let heldLock {
            lock = heldLock
        } else if options.standby {
            let path = state.root.path
            lock = try await OperatorLock.waitForLock(state: state) {
                logger.info("standing by: another operator holds the state directory", metadata: ["stateDir": "\(path)"])
            }
            logger.info("taking over as the operator of the state directory", metadata: ["stateDir": "\(path)"])
        } else {
            lock = try OperatorLock(state: state)
        }
        try ClusterStopped.check(state, standby: options.standby)
        guard FileManager.default.isExecutableFile(atPath: options.serviceBinary) else {
            throw RuntimeError("gws-service executable not found at \(options.serviceBinary); build it with `swift build`")
        }

        let loaded = try AppliedValuesStore.load(options.request, state)
        try AppliedValuesStore.write(loaded.userValues, state)

        // The admin API and the embedded Consul registry share one listener,
        // on a port kept across restarts (services have its URL in their environment).
        let host = loaded.spec.local.bindAddress
        let previous = state.readJSON(OperatorEndpoint.self, from: state.operatorFile)
        let port: Int
        if loaded.spec.consul.address.isEmpty && loaded.spec.consul.port != 0 {
            port = loaded.spec.consul.port
        } else {
            port = try PortAllocator.allocate(preferred: previous?.consulPort, host: host)
        }
        let adminURL = "http://\(host):\(port)"
        let consulURL = loaded.spec.consul.externalURL ?? adminURL

        var tlsCertificate: String?
        var tlsKey: String?
        if let tls = loaded.spec.gwsServices[RoleCatalog.proxy.key]?.tls, tls.enabled, tls.certificateFile.isEmpty {
            let made = try await SelfSignedCertificate.ensure(in: state)
            tlsCertificate = made.certificate
            tlsKey = made.key
        }

        let managedStores = try await LocalStores.prepare(
            spec: loaded.spec, state: state, serviceBinary: options.serviceBinary, reserved: [port], logger: logger)
        let secretFiles = try SecretFiles.materialize(loaded.spec, state: state)
        let jwtSecretFile = try SecretFiles.tokenSigningKey(state: state)

        let clock = SystemClock()
        let metrics = OperatorMetrics()
        let queue = WorkQueue<String>(clock: clock)
        let registry =
            loaded.spec.consul.address.isEmpty
            ? ConsulRegistry(logger: logger, firstIndex: ConsulRegistry.indexAfterRestart()) : nil
        let driver = LocalProcessDriver(state: state, binaryPath: options.serviceBinary, logger: logger)
        let context = PlanContext(
            deploymentName: loaded.name, consulURL: consulURL, defaultTLSCertificate: tlsCertificate,
            defaultTLSKey: tlsKey, managedStores: managedStores, secretFiles: secretFiles,
            jwtSecretFile: jwtSecretFile)
        let redisHA = RedisHATopology(store: managedStores[.redis], spec: loaded.spec, state: state).map {
            RedisHACoordinator(topology: $0, logger: logger)
        }
        let postgresHA = PostgresHATopology(store: managedStores[.postgres], spec: loaded.spec, state: state).map {
            PostgresHACoordinator(topology: $0, logger: logger) { id, signal in await driver.signal(id: id, signal) }
        }
        var hooks: [any InstanceStartHook] = []
        if let redisHA { hooks.append(redisHA) }
        if let postgresHA { hooks.append(postgresHA) }
        let controller = ClusterController(
            loaded: loaded, planContext: context, driver: driver, registry: registry, queue: queue, clock: clock,
            state: state, metrics: metrics, prober: HTTPProber(), logger: logger,
            startHook: hooks.isEmpty ? nil : InstanceStartHooks(hooks: hooks))
        await controller.adopt()

        let singletons = SingletonLeaders(
            registry: registry,
            consul: registry == nil
                ? ConsulClient(baseURL: consulURL, logger: logger, requestTimeout: .seconds(1)) : nil)
        let groupBox = GroupBox()
        let stepDown = StepDown()
        let pid = getpid()
        let handlers = AdminAPI.Handlers(
            status: {
                var status = await controller.status(operatorPID: pid, consulURL: consulURL)
                var roles = await redisHA?.replicationRoles() ?? [:]
                for (id, role) in await postgresHA?.replicationRoles() ?? [:] { roles[id] = role }
                let leaders = await singletons.leaders()
                for i in status.instances.indices {
                    let row = status.instances[i]
                    if let role = roles[row.instance] {
                        status.instances[i].replication = role
                    } else if let pid = leaders[row.instance], row.pid == pid {
                        status.instances[i].replication = "leader"
                    }
                }
                return status
            },
            apply: { request in await apply(request, controller: controller, state: state) },
            shutdown: { await groupBox.group?.triggerGracefulShutdown() },
            stepDown: {
                logger.info("stepping down: exiting, every instance keeps running for the next operator")
                stepDown.request()
                await groupBox.group?.triggerGracefulShutdown()
            },
            metrics: { metrics.render() })
        let router = Router()
        AdminAPI.addRoutes(to: router, handlers: handlers)
        AdminAPI.addRolloutRoutes(to: router, controller: controller)
        AdminAPI.addSwitchoverRoutes(to: router, postgres: postgresHA)
        if let registry { ConsulAPI.addRoutes(to: router, registry: registry) }
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "gws-operator"),
            onServerRunning: { _ in
                let endpoint = OperatorEndpoint(
                    pid: pid, adminURL: adminURL, consulPort: port, startedAtEpoch: Date().timeIntervalSince1970)
                try? state.writeJSON(endpoint, to: state.operatorFile)
                await queue.add(loaded.name)
            }, logger: logger)

        var services: [any Service] = [app]
        if let registry { services.append(ConsulCheckRunner(registry: registry, logger: logger)) }
        services.append(DriverEventPump(events: driver.events, controller: controller))
        services.append(ReconcileLoop(queue: queue, controller: controller, metrics: metrics, clock: clock, logger: logger))
        services.append(ExternalStoreMonitor(controller: controller, period: .seconds(5)))
        services.append(InstanceStopper(controller: controller, stepDown: stepDown))
        if let postgresHA { services.append(postgresHA) }
        let group = ServiceGroup(
            configuration: .init(
                services: services, gracefulShutdownSignals: options.handlesSignals ? [.sigterm, .sigint] : [],
                logger: logger))
        await groupBox.set(group)
        logger.info(
            "operator prepared",
            metadata: ["deployment": "\(loaded.name)", "admin": "\(adminURL)", "stateDir": "\(state.root.path)"])
        return PreparedOperator(
            adminURL: adminURL, consulURL: consulURL, stateDir: state.root.path, group: group, lock: lock, state: state,
            stepDown: stepDown)
    }

    static func apply(_ request: ApplyRequest, controller: ClusterController, state: StateDirectory) async
        -> ApplyResponse
    {
        let previous = request.reuseValues ? AppliedValuesStore.read(state) : nil
        switch SpecLoader.load(
            files: request.files, set: request.set, setString: request.setString, previous: previous)
        {
        case .failure(let errors):
            return ApplyResponse(applied: false, errors: errors.issues, plan: [])
        case .success(let loaded):
            let secretProblems = SecretFiles.problems(in: loaded.spec)
            guard secretProblems.isEmpty else { return ApplyResponse(applied: false, errors: secretProblems, plan: []) }
            guard loaded.name == controller.deploymentName else {
                return ApplyResponse(
                    applied: false,
                    errors: [
                        "metadata.name: this operator runs deployment \"\(controller.deploymentName)\", not \"\(loaded.name)\""
                    ], plan: [])
            }
            let warnings = await ExternalStoreMonitor.unreachable(loaded.spec)
            let plan = await controller.apply(loaded, dryRun: request.dryRun)
            return ApplyResponse(applied: !request.dryRun, errors: [], warnings: warnings, plan: plan)
        }
    }
}

/// Stops every instance when the operator shuts down gracefully (not when it
/// steps down). Last in the group, so it runs first on shutdown, while the
/// registry is still up.
struct InstanceStopper: Service {
    let controller: ClusterController
    let stepDown: StepDown

    func run() async throws {
        try? await gracefulShutdown()
        // A step-down leaves the instances to the next operator.
        guard !stepDown.requested else { return }
        await controller.shutdown()
        ClusterStopped.mark(controller.state)
    }
}

actor GroupBox {
    var group: ServiceGroup?
    func set(_ group: ServiceGroup) { self.group = group }
}
