import Foundation
import GWSReconciler
import GWSStores
import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the PostgreSQL HA pair (local mode, `postgres.ha.enabled`): decides
/// each node's role right before it starts (``InstanceStartHook``), watches
/// the pair (a `Service`: every ``period``), fails over when the primary is
/// lost, and switches over on request (`gwsctl switchover postgres`).
///
/// Failover, in order: fence the old primary (its process killed by the
/// driver when it exited or here when it hangs; `standby.signal` in its data
/// directory, so it can never start writable), record the new primary
/// (``PostgresHARecord``), promote the standby (`pg_promote`), let commits go
/// without a standby until one streams again, then rebuild the old primary
/// from the new one (`pg_basebackup`) and let the operator start it as the
/// new standby. Decisions are ``PostgresHADecision``'s.
actor PostgresHACoordinator: InstanceStartHook, Service {
    let topology: PostgresHATopology
    let settings: PostgresHADecision.MonitorSettings
    let period: Duration
    let logger: Logger
    /// Sends a signal to an instance's process group (the driver's `signal(id:_:)`).
    let signal: @Sendable (String, Int32) async -> Bool
    private(set) var record: PostgresHARecord
    /// The primary was last seen committing synchronously to the standby, which had
    /// flushed everything up to ``synchronousSince`` (see ``PostgresHADecision/confirmsSynchronous(_:since:)``).
    private(set) var synchronousConfirmed = false
    /// The primary's WAL position when synchronous replication was (last seen) turned on.
    private var synchronousSince: UInt64?
    var work: [String: Task<Void, Never>] = [:]
    var switchingOver = false
    private var lastPrimaryAnswer = ContinuousClock.now
    private var lastStandbyStreaming = ContinuousClock.now
    private static let queryTimeout = Duration.seconds(1)

    init(
        topology: PostgresHATopology, logger: Logger, settings: PostgresHADecision.MonitorSettings = .init(),
        period: Duration = .milliseconds(250), signal: @escaping @Sendable (String, Int32) async -> Bool
    ) {
        self.topology = topology
        self.logger = logger
        self.settings = settings
        self.period = period
        self.signal = signal
        record = PostgresHARecord.read(topology.recordFile) ?? PostgresHARecord(primary: topology.plannedPrimary.id)
    }

    var primary: PostgresHATopology.Node { topology.node(id: record.primary) ?? topology.plannedPrimary }
    var standby: PostgresHATopology.Node { topology.other(than: primary.id) }

    // MARK: - Before a start

    func beforeStart(_ spec: InstanceSpec) async -> StartGate {
        guard let node = topology.node(id: spec.id) else { return .proceed }
        if work[node.id] != nil { return .wait(retryAfter: .milliseconds(100), reason: "\(node.id) is being prepared") }
        let other = topology.other(than: node.id)
        let recorded = record
        let otherState = await state(of: other)
        // The monitor may have started a failover or a promotion while we asked: decide again later.
        guard work[node.id] == nil, record == recorded else {
            return .wait(retryAfter: .milliseconds(100), reason: "the pair changed while \(node.id) was prepared")
        }
        let observation = PostgresHADecision.StartObservation(
            node: node.id, recordedPrimary: record.primary, mustRebuild: record.rebuild.contains(node.id),
            hasCluster: node.server.hasCluster, isStandby: node.server.isStandby, other: otherState,
            synchronousConfirmed: synchronousConfirmed)
        switch PostgresHADecision.start(observation) {
        case .primary:
            if node.server.isStandby {
                try? FileManager.default.removeItem(atPath: node.server.standbySignalFile)
            }
            synchronousConfirmed = false
            synchronousSince = nil
            logger.info("starting PostgreSQL", metadata: ["instance": "\(node.id)", "role": "primary"])
            return .proceed
        case .standby:
            logger.info(
                "starting PostgreSQL", metadata: ["instance": "\(node.id)", "role": "standby of \(other.id)"])
            return .proceed
        case .rebuild:
            if record.primary == node.id { try? adopt(primary: other.id) }
            startWork(node.id) { await $0.rebuild(node) }
            return .wait(retryAfter: .milliseconds(100), reason: "rebuilding \(node.id) as a standby of \(other.id)")
        case .failover:
            startFailover(from: node)
            return .wait(retryAfter: .milliseconds(100), reason: "failing over from \(node.id) to \(other.id)")
        case .wait(let reason):
            return .wait(retryAfter: .milliseconds(250), reason: reason)
        }
    }

    // MARK: - Watching

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await monitorOnce()
            try? await Task.sleep(for: period)
        }
        for task in work.values { task.cancel() }
    }

    func monitorOnce() async {
        guard !switchingOver, work.isEmpty else { return }
        let now = ContinuousClock.now
        let primaryState = await state(of: primary)
        let standbyState = await state(of: standby)
        if primaryState != nil { lastPrimaryAnswer = now }
        if primaryState.map({ $0.streamingStandbys > 0 }) ?? true { lastStandbyStreaming = now }
        if let primaryState, !primaryState.inRecovery {
            if primaryState.synchronousStandbyNames.isEmpty {
                synchronousConfirmed = false
                synchronousSince = nil
            } else if !synchronousConfirmed {
                // First seen on (just turned on, or before this operator started): count from here.
                if synchronousSince == nil { synchronousSince = primaryState.currentLSN }
                if let since = synchronousSince, PostgresHADecision.confirmsSynchronous(primaryState, since: since) {
                    synchronousConfirmed = true
                    logger.info(
                        "synchronous standby streaming and caught up; failover possible",
                        metadata: ["instance": "\(primary.id)"])
                }
            }
        }
        let observation = PostgresHADecision.MonitorObservation(
            primary: primaryState, primaryProcessAlive: primary.server.runningPostmasterPID() != nil,
            primaryUnansweredFor: now - lastPrimaryAnswer, standby: standbyState,
            standbyMissingFor: now - lastStandbyStreaming, synchronousConfirmed: synchronousConfirmed)
        switch PostgresHADecision.monitor(observation, settings: settings) {
        case .none: break
        case .enableSynchronous:
            // The next round (after every backend has reloaded) notes the primary's position;
            // the standby must have flushed up to it before a failover may promote it.
            synchronousSince = nil
            await setSynchronous(true, on: primary)
        case .relaxSynchronous:
            logger.warning(
                "no standby streams; commits no longer wait for one",
                metadata: ["instance": "\(primary.id)", "missingFor": "\(observation.standbyMissingFor)"])
            synchronousConfirmed = false
            synchronousSince = nil
            await setSynchronous(false, on: primary)
        case .killPrimary:
            logger.error(
                "the PostgreSQL primary does not answer; killing it to fail over",
                metadata: ["instance": "\(primary.id)", "silentFor": "\(observation.primaryUnansweredFor)"])
            _ = await self.signal(primary.id, SIGKILL)
        case .failover:
            startFailover(from: primary)
        case .promoteRecordedPrimary:
            await promote(primary)
        }
    }

    /// `primary` or `standby` for each node that answers.
    func replicationRoles() async -> [String: String] {
        var roles: [String: String] = [:]
        for node in topology.nodes {
            roles[node.id] = await state(of: node).map { $0.inRecovery ? "standby" : "primary" }
        }
        return roles
    }

    // MARK: - Failover

    /// Starts a failover unless one runs, `old` is no longer the recorded primary, or the
    /// standby is no longer known to be synchronous (a start of `old` as the primary resets that).
    private func startFailover(from old: PostgresHATopology.Node) {
        guard work[old.id] == nil, old.id == record.primary, synchronousConfirmed else { return }
        startWork(old.id) { await $0.failover(from: old) }
    }

    private func failover(from old: PostgresHATopology.Node) async {
        let new = topology.other(than: old.id)
        let started = ContinuousClock.now
        logger.error(
            "PostgreSQL primary lost; failing over",
            metadata: ["from": "\(old.id)", "to": "\(new.id)", "epoch": "\(record.epoch + 1)"])
        if let state = await state(of: old), !state.inRecovery {
            logger.warning("the old primary answers again; not failing over", metadata: ["instance": "\(old.id)"])
            return
        }
        // 1. Fence: the old primary's process group is gone (the driver killed it when it
        //    exited; kill again in case it hangs or was just started) and it can only ever start read-only.
        _ = await self.signal(old.id, SIGKILL)
        do { try old.server.writeStandbySignal() } catch {
            logger.error("cannot fence the old primary; not failing over", metadata: ["error": "\(error)"])
            return
        }
        // 2. Record the new primary before promoting it.
        do { try adopt(primary: new.id) } catch {
            logger.error("cannot record the new primary; not failing over", metadata: ["error": "\(error)"])
            return
        }
        // 3. Promote; commits stop waiting for the (missing) standby. (When it fails the
        //    monitor promotes the recorded primary again: it is still in recovery.)
        if await promote(new) {
            logger.notice(
                "PostgreSQL failed over", metadata: ["primary": "\(new.id)", "took": "\(ContinuousClock.now - started)"])
        }
        // 4. Rebuild the old primary as the new standby.
        await rebuild(old)
    }

    /// Promotes `node` unless the other node answers as a primary; whether it was promoted.
    @discardableResult
    func promote(_ node: PostgresHATopology.Node) async -> Bool {
        let other = topology.other(than: node.id)
        if let state = await state(of: other), !state.inRecovery {
            logger.error(
                "not promoting: the other node is writable", metadata: ["instance": "\(node.id)", "other": "\(other.id)"])
            return false
        }
        do {
            try await PostgresReplication.promote(port: node.port, logger: logger)
        } catch {
            logger.error("promotion failed", metadata: ["instance": "\(node.id)", "error": "\(error)"])
            return false
        }
        logger.notice("promoted PostgreSQL", metadata: ["instance": "\(node.id)"])
        synchronousConfirmed = false
        synchronousSince = nil
        lastStandbyStreaming = .now
        // No standby streams from it yet: commits must not wait for one (else the monitor relaxes after a while).
        await setSynchronous(false, on: node)
        return true
    }

    func rebuild(_ node: PostgresHATopology.Node) async {
        let source = topology.other(than: node.id)
        do {
            try await node.server.rebuildAsStandby(ofPrimaryPort: source.port, logger: logger)
            record.rebuild.removeAll { $0 == node.id }
            try record.write(topology.recordFile)
            logger.info("rebuilt PostgreSQL as a standby", metadata: ["instance": "\(node.id)", "primary": "\(source.id)"])
        } catch {
            logger.error("cannot rebuild PostgreSQL as a standby", metadata: ["instance": "\(node.id)", "error": "\(error)"])
        }
    }

    /// Records `id` as the primary (durably) and the old one as to be rebuilt.
    func adopt(primary id: String) throws {
        let next = record.promoting(id)
        try next.write(topology.recordFile)
        record = next
    }

    func startWork(_ id: String, _ body: @escaping @Sendable (PostgresHACoordinator) async -> Void) {
        guard work[id] == nil else { return }
        work[id] = Task {
            await body(self)
            self.finishWork(id)
        }
    }

    private func finishWork(_ id: String) { work[id] = nil }

    // MARK: - Helpers

    func state(of node: PostgresHATopology.Node) async -> PostgresReplicationState? {
        await PostgresReplication.state(port: node.port, timeout: Self.queryTimeout, logger: logger)
    }

    @discardableResult
    private func setSynchronous(_ on: Bool, on node: PostgresHATopology.Node) async -> Bool {
        do {
            try await PostgresReplication.setSynchronous(on, port: node.port, logger: logger)
            logger.info("synchronous replication \(on ? "on" : "off")", metadata: ["instance": "\(node.id)"])
            return true
        } catch {
            logger.warning("cannot change synchronous replication", metadata: ["instance": "\(node.id)", "error": "\(error)"])
            return false
        }
    }
}
