import GWSOperator
import Testing

@testable import GWSDrills

/// The tracker turns snapshots into each event once, in order.
@Suite struct VictimTrackerTests {
    typealias C = Cluster

    func events(_ tracker: inout VictimTracker, _ snapshots: [ClusterSnapshot]) -> [String] {
        snapshots.flatMap { tracker.observe($0) }.map { "\($0.time) \($0.event)" }
    }

    @Test func aKilledInstanceIsDetectedOutReplacedAndBack() {
        let rows = [C.row("workspace-0", pid: 30), C.row("workspace-1", pid: 31)]
        var tracker = VictimTracker(victims: [C.workspace0], fault: .kill, baseline: C.snapshot(0, rows))
        let seen = events(
            &tracker,
            [
                C.snapshot(0.05, rows),
                C.snapshot(0.1, [C.row("workspace-0", pid: nil, ready: false, state: "CrashLoopBackOff"), rows[1]], passing: ["workspace-1"]),
                C.snapshot(0.2, [C.row("workspace-0", pid: 33, ready: false, state: "Starting"), rows[1]], passing: ["workspace-1"], ejections: 1),
                C.snapshot(0.4, [C.row("workspace-0", pid: 33), rows[1]], passing: ["workspace-1"], ejections: 1),
                C.snapshot(0.5, [C.row("workspace-0", pid: 33), rows[1]], ejections: 1),
                C.snapshot(0.6, [C.row("workspace-0", pid: 33), rows[1]], ejections: 2),
            ])
        #expect(
            seen == [
                "0.1 detected", "0.1 out of rotation", "0.2 replaced", "0.2 ejected by proxy", "0.4 recovered",
                "0.5 back in rotation",
            ])
        #expect(tracker.allRecovered)
    }

    @Test func aHangOnlyDiscoveryNoticedRecoversWhenListedAgain() {
        let rows = [C.row("workspace-0", pid: 30), C.row("workspace-1", pid: 31)]
        var tracker = VictimTracker(victims: [C.workspace0], fault: .hang, baseline: C.snapshot(0, rows))
        #expect(events(&tracker, [C.snapshot(1, rows)]).isEmpty)
        #expect(!tracker.allRecovered && !tracker.anyNoticed)
        #expect(events(&tracker, [C.snapshot(1.5, rows, passing: ["workspace-1"])]) == ["1.5 out of rotation"])
        #expect(!tracker.allRecovered)
        #expect(events(&tracker, [C.snapshot(5, rows)]) == ["5.0 back in rotation"])
        #expect(tracker.allRecovered)
    }

    @Test func theOperatorStopsAnsweringThenAnotherAdoptsEverything() {
        let rows = [C.row("workspace-0", pid: 30)]
        let victim = DrillVictim(instance: "operator", role: "operator", pid: 10, service: nil)
        var tracker = VictimTracker(victims: [victim], fault: .kill, baseline: C.snapshot(0, rows))
        let seen = events(
            &tracker, [C.snapshot(0.5, nil), C.snapshot(0.9, rows, operatorPID: 11), C.snapshot(1, rows, operatorPID: 11)])
        #expect(seen == ["0.5 detected", "0.9 replaced", "0.9 recovered"])
        #expect(tracker.instancesKeptRunning == true)
        #expect(tracker.allRecovered)
    }

    @Test func aNewOperatorThatRestartedAnInstanceIsSaid() {
        let victim = DrillVictim(instance: "operator", role: "operator", pid: 10, service: nil)
        var tracker = VictimTracker(victims: [victim], fault: .kill, baseline: C.snapshot(0, [C.row("workspace-0", pid: 30)]))
        let seen = events(&tracker, [C.snapshot(0.3, [C.row("workspace-0", pid: 99)], operatorPID: 12)])
        #expect(seen == ["0.3 detected", "0.3 replaced", "0.3 recovered"])
        #expect(tracker.instancesKeptRunning == false)
    }

    @Test func aRolloutEndsWhenTheOperatorSaysComplete() {
        let rows = [C.row("workspace-0", pid: 30), C.row("workspace-1", pid: 31)]
        var tracker = VictimTracker(victims: [C.workspace0, C.workspace1], fault: .rollout, baseline: C.snapshot(0, rows))
        var done = C.snapshot(3, [C.row("workspace-0", pid: 40), C.row("workspace-1", pid: 41)])
        done.rollout = .init(
            state: "Complete", role: "workspace", replicas: 2, updated: 2, available: 2, current: nil, message: "done",
            ageSeconds: 3)
        let seen = events(&tracker, [C.snapshot(1, [C.row("workspace-0", pid: 40), rows[1]]), done])
        #expect(seen == ["1.0 replaced", "1.0 recovered", "3.0 replaced", "3.0 recovered", "3.0 rollout complete"])
        #expect(tracker.allRecovered)
    }
}

/// The monitor only believes looks begun after the fault.
@Suite struct DrillMonitorTests {
    @Test func aLookBegunBeforeTheFaultIsIgnored() async {
        let rows = [Cluster.row("workspace-0", pid: 30), Cluster.row("workspace-1", pid: 31)]
        let monitor = DrillMonitor()
        await monitor.faultInjected(
            at: 10, tracker: VictimTracker(victims: [Cluster.workspace0, Cluster.workspace1], fault: .rollout, baseline: Cluster.snapshot(0, rows)))
        var stale = Cluster.snapshot(10.2, rows)
        stale.started = 9.9
        stale.rollout = .init(
            state: "Complete", role: "workspace", replicas: 2, updated: 2, available: 2, current: nil,
            message: "the last rollout", ageSeconds: 60)
        await monitor.record(stale)
        #expect(await monitor.observations.isEmpty)
        #expect(await !monitor.allRecovered)
        stale.started = 10.1
        await monitor.record(stale)
        #expect(await monitor.allRecovered)
    }
}

@Suite struct PromotionTests {
    @Test func anotherNodeBecomingMasterIsPromoted() {
        func rows(master: String) -> [InstanceStatus] {
            ["redis-0", "redis-1"].map { id in
                var row = Cluster.row(id, pid: id == "redis-0" ? 21 : 22)
                row.replication = id == master ? "master" : "replica"
                return row
            }
        }
        let victim = DrillVictim(instance: "redis-0", role: "redis", pid: 21, service: nil)
        var tracker = VictimTracker(victims: [victim], fault: .kill, baseline: Cluster.snapshot(0, rows(master: "redis-0"), passing: nil))
        #expect(tracker.observe(Cluster.snapshot(0.5, rows(master: "redis-0"), passing: nil)).isEmpty)
        let events = tracker.observe(Cluster.snapshot(2, rows(master: "redis-1"), passing: nil))
        #expect(events.map(\.event) == [DrillEvent.promoted])
        #expect(events.first?.detail == "redis-1 is the master now")
        #expect(tracker.observe(Cluster.snapshot(3, rows(master: "redis-1"), passing: nil)).isEmpty)
    }

    @Test func aKilledSingletonLeaderRecoversOnlyOnceAnInstanceLeadsAgain() {
        /// datacollector-0 (pid `pid0`) and datacollector-1; `leader` holds the indexer's lock (or nobody).
        func rows(leader: String?, pid0: Int32 = 50, ready0: Bool = true) -> [InstanceStatus] {
            ["datacollector-0", "datacollector-1"].map { id in
                var row = Cluster.row(id, pid: id == "datacollector-0" ? pid0 : 51, ready: id == "datacollector-0" ? ready0 : true)
                row.replication = id == leader ? "leader" : nil
                return row
            }
        }
        let victim = DrillVictim(instance: "datacollector-0", role: "datacollector", pid: 50, service: nil)
        var tracker = VictimTracker(
            victims: [victim], fault: .kill, baseline: Cluster.snapshot(0, rows(leader: "datacollector-0"), passing: nil))
        #expect(tracker.wasSingletonLeader(victim))
        // Killed and restarted at once; nobody leads yet (the old session has not expired).
        _ = tracker.observe(Cluster.snapshot(0.1, rows(leader: nil, pid0: 60, ready0: false), passing: nil))
        let back = tracker.observe(Cluster.snapshot(1, rows(leader: nil, pid0: 60), passing: nil))
        #expect(back.map(\.event).contains(DrillEvent.recovered))
        #expect(!tracker.allRecovered, "the instance is back, but the singleton has no leader yet")
        // The lock's holder as the status read it just after the kill (the old process) is not a new leader.
        #expect(tracker.observe(Cluster.snapshot(1.5, rows(leader: "datacollector-0", pid0: 50), passing: nil)).isEmpty)
        let led = tracker.observe(Cluster.snapshot(9, rows(leader: "datacollector-1", pid0: 60), passing: nil))
        #expect(led.map(\.event) == [DrillEvent.promoted])
        #expect(led.first?.detail == "datacollector-1 (pid 51) leads now")
        #expect(tracker.allRecovered)
    }
}
