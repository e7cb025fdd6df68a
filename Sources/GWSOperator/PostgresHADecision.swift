import GWSStores

/// What the operator does with the PostgreSQL HA pair. Pure: observations
/// in, an outcome out (``PostgresHACoordinator`` observes and executes).
///
/// The invariants: a node starts as a primary only when the record names it
/// and the other node is not writable; an old primary is fenced
/// (`standby.signal`) before the standby is promoted, and starts again only
/// after it was rebuilt from the new primary; the standby is promoted only
/// when the primary committed synchronously to it (so no acknowledged commit
/// is lost) and the primary no longer answers.
enum PostgresHADecision {
    /// What the operator saw right before starting `node`.
    struct StartObservation: Sendable, Equatable {
        var node: String
        /// The primary as recorded (``PostgresHARecord``).
        var recordedPrimary: String
        /// Whether the record says `node` must be rebuilt before it starts.
        var mustRebuild: Bool
        /// Whether `node`'s data directory holds a cluster, and one marked standby.
        var hasCluster: Bool
        var isStandby: Bool
        /// The other node's state; nil when it does not answer.
        var other: PostgresReplicationState?
        /// Whether the recorded primary was last seen committing synchronously to the
        /// other node (and synchronous replication was not turned off since).
        var synchronousConfirmed: Bool
    }

    enum StartOutcome: Sendable, Equatable {
        /// Start it as the primary (removing a stale `standby.signal`).
        case primary
        /// Start it as it is: a standby.
        case standby
        /// Replace its data with a fresh copy of the other node (the primary), then start it as a standby.
        case rebuild
        /// The primary died with a synchronous standby: fence it, promote the other, rebuild it.
        case failover
        /// Not yet (`reason` goes to the log).
        case wait(reason: String)
    }

    static func start(_ o: StartObservation) -> StartOutcome {
        let otherWritable = o.other.map { !$0.inRecovery } ?? false
        if o.node == o.recordedPrimary {
            if otherWritable { return .rebuild }  // never a second primary
            if o.other?.inRecovery == true, o.synchronousConfirmed || !o.hasCluster { return .failover }
            return .primary  // crash recovery on its own data: nothing committed is lost
        }
        if otherWritable {
            return o.mustRebuild || !o.hasCluster || !o.isStandby ? .rebuild : .standby
        }
        if o.other != nil { return .wait(reason: "the recorded primary \(o.recordedPrimary) is not writable yet") }
        if o.hasCluster, o.isStandby, !o.mustRebuild { return .standby }
        return .wait(reason: "no primary to copy a standby from")
    }

    /// Whether `primary` now protects every commit it acknowledged: synchronous
    /// replication is on and its synchronous standby has flushed the WAL at least
    /// up to `since` (the primary's position when synchronous replication was
    /// turned on: commits acknowledged before that were not waited for; later
    /// ones were, and the WAL is flushed in order).
    static func confirmsSynchronous(_ primary: PostgresReplicationState, since: UInt64) -> Bool {
        guard primary.isSynchronousPrimary, let flushed = primary.synchronousFlushLSN else { return false }
        return flushed >= since
    }

    /// What the operator saw of the pair in one monitoring round.
    struct MonitorObservation: Sendable, Equatable {
        /// The recorded primary's state; nil when it does not answer.
        var primary: PostgresReplicationState?
        /// Whether the recorded primary's process is running.
        var primaryProcessAlive: Bool
        /// How long the recorded primary has not answered (zero when it answers).
        var primaryUnansweredFor: Duration
        /// The other node's state; nil when it does not answer.
        var standby: PostgresReplicationState?
        /// How long the primary has had no streaming standby (zero when it has one).
        var standbyMissingFor: Duration
        var synchronousConfirmed: Bool
    }

    struct MonitorSettings: Sendable, Equatable {
        /// A running primary silent this long is hung: killed, then failed over. Generous,
        /// so that a primary slowed down by a loaded machine is not mistaken for a hung one.
        var hungAfter: Duration = .seconds(4)
        /// A primary dead (no process) this long is failed over even if the operator has not restarted it yet.
        var deadAfter: Duration = .milliseconds(500)
        /// With no standby this long, commits stop waiting for one (else every write would block).
        var relaxAfter: Duration = .seconds(5)
    }

    enum MonitorAction: Sendable, Equatable {
        case none
        /// A standby streams: make commits wait for it (`synchronous_standby_names = '*'`).
        case enableSynchronous
        /// No standby for a while: let commits go without one.
        case relaxSynchronous
        /// The primary is hung: kill it (the start hook then fails over).
        case killPrimary
        /// The primary is gone with a synchronous standby: fail over now.
        case failover
        /// The recorded primary is still a standby (a promotion was interrupted) and the other is not writable.
        case promoteRecordedPrimary
    }

    static func monitor(_ o: MonitorObservation, settings: MonitorSettings = MonitorSettings()) -> MonitorAction {
        if let primary = o.primary {
            if primary.inRecovery {
                return o.standby.map { !$0.inRecovery } == true ? .none : .promoteRecordedPrimary
            }
            if primary.synchronousStandbyNames.isEmpty, primary.streamingStandbys > 0 { return .enableSynchronous }
            if !primary.synchronousStandbyNames.isEmpty, primary.streamingStandbys == 0,
                o.standbyMissingFor >= settings.relaxAfter
            {
                return .relaxSynchronous
            }
            return .none
        }
        guard o.synchronousConfirmed, o.standby?.inRecovery == true else { return .none }
        if o.primaryProcessAlive { return o.primaryUnansweredFor >= settings.hungAfter ? .killPrimary : .none }
        return o.primaryUnansweredFor >= settings.deadAfter ? .failover : .none
    }
}
