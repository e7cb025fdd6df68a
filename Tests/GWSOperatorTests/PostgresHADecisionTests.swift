import GWSStores
import Testing

@testable import GWSOperator

@Suite struct PostgresHADecisionTests {
    typealias D = PostgresHADecision
    static let primary = PostgresReplicationState(
        inRecovery: false, synchronousStandbyNames: "*", streamingStandbys: 1, synchronousStandbys: 1)
    static let standby = PostgresReplicationState(inRecovery: true)

    func start(
        _ node: String, recorded: String = "postgres-0", rebuild: Bool = false, cluster: Bool = true,
        standbySignal: Bool = false, other: PostgresReplicationState?, synchronous: Bool = true
    ) -> D.StartOutcome {
        D.start(
            .init(
                node: node, recordedPrimary: recorded, mustRebuild: rebuild, hasCluster: cluster,
                isStandby: standbySignal, other: other, synchronousConfirmed: synchronous))
    }

    // MARK: - Starts

    @Test func firstStartFollowsThePlan() {
        #expect(start("postgres-0", other: nil, synchronous: false) == .primary)
        // The standby has no data yet: copied from the primary once it answers.
        #expect(start("postgres-1", cluster: false, other: nil) == .wait(reason: "no primary to copy a standby from"))
        #expect(start("postgres-1", cluster: false, other: Self.primary) == .rebuild)
        #expect(start("postgres-1", standbySignal: true, other: Self.primary) == .standby)
    }

    @Test func aDeadPrimaryWithASynchronousStandbyFailsOver() {
        #expect(start("postgres-0", other: Self.standby, synchronous: true) == .failover)
    }

    @Test func withoutConfirmedSynchronousReplicationThePrimaryRestartsOnItsOwnData() {
        // Promoting could lose commits the standby never saw: crash recovery instead.
        #expect(start("postgres-0", other: Self.standby, synchronous: false) == .primary)
        // Its data gone, the standby's copy is the best there is.
        #expect(start("postgres-0", cluster: false, other: Self.standby, synchronous: false) == .failover)
    }

    @Test func neverASecondPrimary() {
        // The recorded primary finds the other writable (a failover it missed): it becomes the standby.
        #expect(start("postgres-0", other: Self.primary) == .rebuild)
        #expect(start("postgres-0", other: Self.primary, synchronous: false) == .rebuild)
        // An old primary (recorded for a rebuild, or without standby.signal) is rebuilt, never started as it is.
        #expect(start("postgres-0", recorded: "postgres-1", rebuild: true, standbySignal: true, other: Self.primary) == .rebuild)
        #expect(start("postgres-0", recorded: "postgres-1", standbySignal: false, other: Self.primary) == .rebuild)
        #expect(start("postgres-0", recorded: "postgres-1", rebuild: true, standbySignal: true, other: nil)
            == .wait(reason: "no primary to copy a standby from"))
    }

    @Test func theStandbyWaitsWhileTheRecordedPrimaryIsNotPromotedYet() {
        guard case .wait = start("postgres-0", recorded: "postgres-1", rebuild: true, other: Self.standby) else {
            Issue.record("expected to wait")
            return
        }
    }

    @Test func aStandbyRestartsAsAStandbyEvenWithoutItsPrimary() {
        #expect(start("postgres-1", standbySignal: true, other: nil) == .standby)
    }

    // MARK: - Monitoring

    func monitor(
        primary: PostgresReplicationState?, alive: Bool = true, silent: Duration = .zero,
        standby: PostgresReplicationState? = Self.standby, missing: Duration = .zero, synchronous: Bool = true
    ) -> D.MonitorAction {
        D.monitor(
            .init(
                primary: primary, primaryProcessAlive: alive, primaryUnansweredFor: silent, standby: standby,
                standbyMissingFor: missing, synchronousConfirmed: synchronous))
    }

    @Test func synchronousReplicationOnceAStandbyStreams() {
        let asynchronous = PostgresReplicationState(inRecovery: false, synchronousStandbyNames: "", streamingStandbys: 1)
        #expect(monitor(primary: asynchronous, synchronous: false) == .enableSynchronous)
        #expect(monitor(primary: Self.primary) == .none)
        let alone = PostgresReplicationState(inRecovery: false, synchronousStandbyNames: "*")
        #expect(monitor(primary: alone, standby: nil, missing: .seconds(1)) == .none)  // writes wait a moment
        #expect(monitor(primary: alone, standby: nil, missing: .seconds(5)) == .relaxSynchronous)
    }

    @Test func aDeadPrimaryIsFailedOverAfterAShortSilence() {
        #expect(monitor(primary: nil, alive: false, silent: .milliseconds(100)) == .none)
        #expect(monitor(primary: nil, alive: false, silent: .milliseconds(600)) == .failover)
    }

    @Test func aHungPrimaryIsKilledFirst() {
        #expect(monitor(primary: nil, alive: true, silent: .seconds(3)) == .none)
        #expect(monitor(primary: nil, alive: true, silent: .seconds(4)) == .killPrimary)
    }

    @Test func noFailoverWithoutASynchronousStandby() {
        #expect(monitor(primary: nil, alive: false, silent: .seconds(10), synchronous: false) == .none)
        #expect(monitor(primary: nil, alive: false, silent: .seconds(10), standby: nil) == .none)
        #expect(monitor(primary: nil, alive: true, silent: .seconds(10), standby: Self.primary) == .none)
    }

    @Test func anInterruptedPromotionIsFinishedUnlessTheOtherIsWritable() {
        #expect(monitor(primary: Self.standby, standby: nil) == .promoteRecordedPrimary)
        #expect(monitor(primary: Self.standby, standby: Self.standby) == .promoteRecordedPrimary)
        #expect(monitor(primary: Self.standby, standby: Self.primary) == .none)
    }

    @Test func synchronousOnlyOnceTheStandbyFlushedWhatCameBefore() {
        var primary = Self.primary
        primary.synchronousFlushLSN = PostgresReplicationState.lsn("0/3000060")
        #expect(PostgresReplicationState.lsn("16/B374D848") == 0x16_B374_D848)
        #expect(PostgresReplicationState.lsn("garbage") == nil && PostgresReplicationState.lsn(nil) == nil)
        #expect(D.confirmsSynchronous(primary, since: 0x300_0060))
        #expect(D.confirmsSynchronous(primary, since: 0x300_0000))
        #expect(!D.confirmsSynchronous(primary, since: 0x300_0061))  // commits from before may not be on it yet
        primary.synchronousStandbyNames = ""
        #expect(!D.confirmsSynchronous(primary, since: 0))
        #expect(!D.confirmsSynchronous(PostgresReplicationState(inRecovery: false, synchronousStandbyNames: "*"), since: 0))
    }

    // MARK: - Record

    @Test func promotingRecordsTheOldPrimaryForARebuild() {
        let record = PostgresHARecord(primary: "postgres-0").promoting("postgres-1")
        #expect(record == PostgresHARecord(primary: "postgres-1", rebuild: ["postgres-0"], epoch: 1))
        #expect(record.promoting("postgres-0") == PostgresHARecord(primary: "postgres-0", rebuild: ["postgres-1"], epoch: 2))
    }
}
