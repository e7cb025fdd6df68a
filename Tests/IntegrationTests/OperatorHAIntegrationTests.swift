import Foundation
import GWSOperator
import Testing

/// Local mode's operator HA: a second operator started with `--standby` on
/// the same state directory waits while the leader lives; when the leader is
/// SIGKILLed it takes over at once, adopts every instance without restarting
/// it, and acts (repairs a killed instance, serves the admin API). Then a
/// planned handover: `gwsctl step-down` makes the leader exit leaving every
/// instance running, and the next standby adopts them.
@Suite(.serialized) struct OperatorHAIntegrationTests {
    @Test func aStandbyOperatorTakesOverFromACrashedLeaderAndAdoptsEveryInstance() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            let leader = try await cluster.startOperator(DrillIntegrationTests.spec)
            let before = try await cluster.waitForAllReady(timeout: .seconds(120))
            #expect(before.operatorPID == leader)
            let pids = try LocalClusterTests.pids(before)

            // A second operator without --standby is refused; with it, it waits.
            let refused = try await cluster.gwsctl(["up"])
            #expect(refused.status != 0 && refused.stderr.contains("--standby"), "\(refused.stderr)")
            let standby = try await cluster.startOperator(["--standby"])
            do {
                try await Task.sleep(for: .seconds(1))
                #expect(ClusterHarness.isAlive(standby), "the standby waits")
                #expect(try await cluster.status().operatorPID == leader, "the leader still leads")

                let killed = ContinuousClock.now
                kill(leader, SIGKILL)
                _ = try await cluster.waitFor("the standby acting", timeout: .seconds(30)) { $0.operatorPID == standby }
                let acting = ContinuousClock.now - killed
                print("Operator HA: leader SIGKILLed → standby answering as the operator after \(acting)")
                #expect(acting < .seconds(15), "HA-DR.md: a crashed leader is replaced within 15 s")

                let after = try await cluster.waitForAllReady()
                #expect(try LocalClusterTests.pids(after) == pids, "adopted, not restarted")
                // The new leader acts: a killed instance is replaced.
                let victim = try #require(after.instances.first { $0.instance == "workspace-0" })
                kill(try #require(victim.pid), SIGKILL)
                _ = try await cluster.waitFor("workspace-0 replaced by the new leader") { s in
                    s.instances.contains { $0.instance == "workspace-0" && $0.ready && $0.pid != victim.pid }
                }
                let through = try await eventually { try await cluster.get(after.proxy + "/workspace/v3/version") }
                #expect(through.status == 200)
            } catch {
                kill(standby, SIGKILL)
                throw error
            }

            // A planned handover: the leader steps down, leaving its instances to a new standby.
            let running = try LocalClusterTests.pids(try await cluster.waitForAllReady())
            let second = try await cluster.startOperator(["--standby"])
            do {
                try await Task.sleep(for: .seconds(1))
                let asked = ContinuousClock.now
                let result = try await cluster.gwsctl(["step-down"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("took over"), "\(result.stdout)")
                _ = try await cluster.waitFor("the second standby acting") { $0.operatorPID == second }
                let handedOver = ContinuousClock.now - asked
                print("Operator HA: step-down → standby answering as the operator after \(handedOver)")
                #expect(handedOver < .seconds(3), "HA-DR.md: a released leader is replaced within 3 s")
                #expect(await cluster.waitUntilDead(standby), "the old leader exited")
                let afterHandover = try LocalClusterTests.pids(try await cluster.waitForAllReady())
                let restarted = running.keys.filter { afterHandover[$0] != running[$0] }.sorted()
                #expect(restarted.isEmpty, "nothing restarted; restarted: \(restarted)\n\(cluster.operatorLog())")
            } catch {
                kill(second, SIGKILL)
                throw error
            }
        }
    }
}
