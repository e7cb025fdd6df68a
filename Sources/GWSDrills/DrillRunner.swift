import AsyncHTTPClient
import Foundation
import GWSOperator
import GWSRuntime
import GWSSpec
import Logging
import NIOCore

/// Runs a drill against the cluster of a state directory: resolve the target,
/// start the load and the observation loop, warm up, inject the fault, watch
/// the window (aborting on a breach), end the fault, wait for recovery, stop
/// the load, read every acknowledged write back, and build the report.
public struct DrillRunner: Sendable {
    let state: StateDirectory
    let logger: Logger
    /// Progress lines for the terminal.
    let say: @Sendable (String) -> Void
    /// How often the cluster is looked at.
    var pollInterval: Duration = .milliseconds(50)

    public init(state: StateDirectory, logger: Logger, say: @escaping @Sendable (String) -> Void = { _ in }) {
        self.state = state
        self.logger = logger
        self.say = say
    }

    /// Resolves the target now; changes nothing (`--dry-run`).
    public func plan(_ drill: DrillFile) async throws -> DrillPlan {
        let status = try await AdminClient(state: state).status()
        let target = try resolve(drill.target, status: status)
        return DrillPlan(drill: drill, target: target, clusterPhase: status.phase, proxy: status.proxy)
    }

    public func run(_ drill: DrillFile) async throws -> DrillReport {
        let status = try await AdminClient(state: state).status()
        let target = try resolve(drill.target, status: status)
        let clock = DrillClock()
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        // A refused connection is a failed request, as it is for a browser: retrying the connect until
        // the deadline (AsyncHTTPClient's default) would hide a moment when the proxy's port is closed.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let report = try await run(drill, target: target, status: status, clock: clock, client: client)
            try await client.shutdown()
            return report
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Resolves the target, asking a replicated store which instance is its primary.
    func resolve(_ target: DrillTarget, status: OperatorStatus) throws -> ResolvedTarget {
        var primaries: [StoreKind: String] = [:]
        if target == .store(.redis) { primaries[.redis] = StorePrimary.redisMaster(status: status, state: state) }
        if target == .store(.postgres) { primaries[.postgres] = StorePrimary.postgresPrimary(status: status) }
        return try DrillTargetResolver.resolve(target, status: status, primaries: primaries)
    }

    private func run(
        _ drill: DrillFile, target: ResolvedTarget, status: OperatorStatus, clock: DrillClock, client: HTTPClient
    ) async throws -> DrillReport {
        func report(faultAt: Double?, monitor: DrillMonitor, records: [LoadRecord], verification: LoadVerification?,
                    abort: String?, notes: [String] = []) async -> DrillReport {
            DrillReportBuilder.build(
                DrillOutcome(
                    drill: drill, target: target, clock: clock, faultAt: faultAt, observations: await monitor.observations,
                    records: records, verification: verification, instancesKeptRunning: await monitor.instancesKeptRunning,
                    abortReason: abort, notes: notes))
        }
        let monitor = DrillMonitor()
        if drill.abort.requireReadyCluster, status.phase != "Running" {
            let reason = "the cluster is \(status.phase) (\(status.readyInstances)/\(status.desiredInstances) ready) before the fault"
            await monitor.note(DrillEvent.aborted, detail: reason, at: clock.now())
            return await report(faultAt: nil, monitor: monitor, records: [], verification: nil, abort: reason)
        }
        let rolloutRole = drill.fault.kind == .rollout ? target.victims.first?.role : nil
        let observer = ClusterObserver(
            state: state, client: client, services: Array(Set(target.victims.compactMap(\.service))).sorted(),
            rolloutRole: rolloutRole, clock: clock)
        let baseline = await observer.snapshot(proxy: status.proxy)

        let load = LoadGenerator(
            profile: drill.load, proxy: status.proxy, run: String(UInt32.random(in: 0...UInt32.max), radix: 36),
            client: client, clock: clock, logger: logger)
        do {
            try await load.start(credentialsFile: state.root.appendingPathComponent("credentials.json"))
        } catch {
            let reason = "the load could not start: \(error)"
            await monitor.note(DrillEvent.aborted, detail: reason, at: clock.now())
            await load.stop()
            return await report(faultAt: nil, monitor: monitor, records: [], verification: nil, abort: reason)
        }
        await monitor.note(DrillEvent.loadStarted, detail: "\(drill.load.agents) agents", at: clock.now())
        say("load: \(drill.load.agents) agents, \(SteadyStateEvaluator.number(drill.load.rate)) requests/s; warming up \(DrillDuration.format(drill.warmup))")

        let watching = Task {
            while !Task.isCancelled {
                await monitor.record(await observer.snapshot(proxy: status.proxy))
                try? await Task.sleep(for: pollInterval)
            }
        }
        var abort = await waitWhileHealthy(until: clock.now() + drill.warmup, drill: drill, load: load, clock: clock)
        let warmup = await load.progress()
        if abort == nil, drill.abort.requireCleanWarmup, warmup.failed > 0 {
            abort = "\(warmup.failed) of \(warmup.sent) requests failed during the warm-up: the steady state did not hold before the fault (nothing was injected)"
        }
        var faultAt: Double?
        var session: FaultSession?
        if abort == nil {
            do {
                session = try await FaultSession.inject(
                    drill, target: target, state: state, monitor: monitor, baseline: baseline, clock: clock)
                faultAt = await monitor.faultAt
                say("fault: \(drill.fault.kind.rawValue) on \(target.victims.map(\.instance).joined(separator: ", "))")
            } catch {
                abort = "the fault could not be injected: \(error)"
            }
        }
        if let faultAt, let session {
            abort = await waitWhileHealthy(until: faultAt + drill.duration, drill: drill, load: load, clock: clock, session: session)
            await session.end(monitor: monitor, clock: clock)
            say("window over; waiting for recovery (up to \(DrillDuration.format(drill.recoveryTimeout)))")
            await waitForRecovery(drill, monitor: monitor, session: session, clock: clock)
        }
        if let abort {
            await monitor.note(DrillEvent.aborted, detail: abort, at: clock.now())
            say("aborted: \(abort)")
        }
        try? await Task.sleep(for: .milliseconds(500))  // a little steady traffic after recovery
        await load.stop()
        await monitor.note(DrillEvent.loadStopped, at: clock.now())
        watching.cancel()
        _ = await watching.value
        say("verifying writes and sessions")
        let verification = drill.load.agents > 0 ? await load.verify() : nil
        return await report(
            faultAt: faultAt, monitor: monitor, records: await load.allRecords(), verification: verification, abort: abort,
            notes: await notes(target: target, status: status, monitor: monitor))
    }

    /// Sleeps until `deadline` (drill seconds), checking the abort conditions
    /// every 100 ms (and, during the fault, running the scheduled steps).
    private func waitWhileHealthy(
        until deadline: Double, drill: DrillFile, load: LoadGenerator, clock: DrillClock, session: FaultSession? = nil
    ) async -> String? {
        while clock.now() < deadline {
            let progress = await load.progress()
            if let reason = AbortMonitor.reason(
                drill.abort, sent: progress.sent, failed: progress.failed, consecutiveFailures: progress.consecutiveFailures)
            {
                return reason
            }
            await session?.tick(clock: clock)
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Waits until every victim recovered, the recovery timeout passed, or
    /// (when nothing ever noticed the fault) a few seconds after it ended.
    private func waitForRecovery(_ drill: DrillFile, monitor: DrillMonitor, session: FaultSession, clock: DrillClock) async {
        let ended = clock.now()
        while clock.now() < ended + drill.recoveryTimeout {
            if await monitor.allRecovered { return }
            if clock.now() > ended + 3, await !monitor.anyDetected { return }
            await session.tick(clock: clock)
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    private func notes(target: ResolvedTarget, status: OperatorStatus, monitor: DrillMonitor) async -> [String] {
        var notes: [String] = []
        if target.kind == "store", let victim = target.victims.first {
            if status.instances.filter({ $0.role == victim.role }).count == 1 {
                notes.append(
                    "\(victim.instance) is a single operator-run process here: the operator restarts it in place (no standby takes over)")
            } else {
                notes.append("\(victim.instance) was the primary of its replicated store when the drill began")
            }
        }
        if await monitor.observations.contains(where: { $0.event == DrillEvent.operatorStarted }) {
            notes.append("no other operator took over; the drill started one (rollback.startOperatorAfter)")
        }
        return notes
    }
}
