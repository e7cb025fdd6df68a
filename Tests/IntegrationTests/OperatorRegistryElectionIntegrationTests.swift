import Foundation
import GWSOperator
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Local mode's operator HA through a registry (issue 5, item 5): with
/// `consul.address` naming a registry of its own (`gws-operator registry`),
/// operators campaign for `gws/leader/operator-<deployment>`. A step-down
/// releases the lock and the standby is elected at once; a SIGKILLed leader's
/// session expires and the standby is elected after TTL + lock-delay; each
/// new leader adopts every instance without restarting it; a paused leader
/// loses the lock, and the elected standby waits for it to step down before
/// it acts (the state directory's flock). `gwsctl down`
/// with a standby waiting stops the cluster for good: the standby is elected
/// but does not start it again.
@Suite(.serialized) struct OperatorRegistryElectionIntegrationTests {
    static let key = "gws/leader/operator-local"

    @Test func operatorsElectTheirLeaderThroughTheRegistryAndHandOverWithoutRestartingAnything() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            let registry = try await cluster.startRegistry()
            defer { kill(registry.pid, SIGKILL) }
            let spec =
                DrillIntegrationTests.spec + [
                    "--set", "consul.address=127.0.0.1", "--set", "consul.port=\(registry.port)",
                ]
            let leader = try await cluster.startOperator(spec)
            var standbys: [Int32] = []
            do {
                let before = try await cluster.waitForAllReady(timeout: .seconds(120))
                #expect(before.operatorPID == leader)
                #expect(before.consul == registry.url, "the instances use the external registry")
                #expect(try await cluster.lockHolder(registry, key: Self.key)?.hasSuffix(":\(leader)") == true)
                let pids = try LocalClusterTests.pids(before)

                // A planned handover: the leader releases the lock, the standby is elected at once.
                let first = try await cluster.startOperator(["--standby"])
                standbys.append(first)
                try await Task.sleep(for: .seconds(1))
                #expect(ClusterHarness.isAlive(first), "the standby waits")
                #expect(try await cluster.status().operatorPID == leader, "the leader still leads")
                let asked = ContinuousClock.now
                let stepDown = try await cluster.gwsctl(["step-down"])
                #expect(stepDown.status == 0, "\(stepDown.stderr)")
                _ = try await cluster.waitFor("the standby acting") { $0.operatorPID == first }
                print("Operator HA (registry): step-down → standby acting after \(ContinuousClock.now - asked)")
                #expect(try await cluster.lockHolder(registry, key: Self.key)?.hasSuffix(":\(first)") == true)
                #expect(try LocalClusterTests.pids(try await cluster.waitForAllReady()) == pids, "adopted, not restarted")

                // A crash: the session expires, the next standby is elected after the lock-delay.
                let second = try await cluster.startOperator(["--standby"])
                standbys.append(second)
                try await Task.sleep(for: .seconds(1))
                let killed = ContinuousClock.now
                kill(first, SIGKILL)
                _ = try await cluster.waitFor("the second standby acting", timeout: .seconds(40)) {
                    $0.operatorPID == second
                }
                let acting = ContinuousClock.now - killed
                print("Operator HA (registry): leader SIGKILLed → standby acting after \(acting)")
                #expect(acting < .seconds(15), "HA-DR.md: a crashed leader is replaced within 15 s")
                #expect(try await cluster.lockHolder(registry, key: Self.key)?.hasSuffix(":\(second)") == true)
                let after = try await cluster.waitForAllReady()
                #expect(try LocalClusterTests.pids(after) == pids, "adopted, not restarted")
                // The new leader acts: a killed instance is replaced.
                let victim = try #require(after.instances.first { $0.instance == "workspace-0" })
                kill(try #require(victim.pid), SIGKILL)
                _ = try await cluster.waitFor("workspace-0 replaced by the new leader") { s in
                    s.instances.contains { $0.instance == "workspace-0" && $0.ready && $0.pid != victim.pid }
                }

                // A paused leader: its lease ends, the standby is elected but cannot act (the state
                // directory's flock) until the old leader runs again and steps down — never two acting.
                let third = try await cluster.startOperator(["--standby"])
                standbys.append(third)
                try await Task.sleep(for: .seconds(1))
                let running = try LocalClusterTests.pids(try await cluster.waitForAllReady())
                kill(second, SIGSTOP)
                var electedWhilePaused = false
                for _ in 0..<300 where !electedWhilePaused {
                    try await Task.sleep(for: .milliseconds(100))
                    electedWhilePaused = try await cluster.lockHolder(registry, key: Self.key)?.hasSuffix(":\(third)") == true
                }
                #expect(electedWhilePaused, "the standby is elected once the paused leader's session expired")
                let endpoint = cluster.stateDirectory.readJSON(OperatorEndpoint.self, from: cluster.stateDirectory.operatorFile)
                #expect(endpoint?.pid == second, "the elected standby does not act while the old leader holds the flock")
                kill(second, SIGCONT)
                _ = try await cluster.waitFor("the elected standby acting after the old leader stepped down") {
                    $0.operatorPID == third
                }
                #expect(ClusterHarness.isAlive(second), "the old leader stepped down and stands by")
                #expect(try LocalClusterTests.pids(try await cluster.waitForAllReady()) == running, "nothing restarted")

                // `gwsctl down` with a standby waiting (the old leader): it does not start the cluster again.
                let down = try await cluster.gwsctl(["down"])
                #expect(down.status == 0, "\(down.stderr)")
                #expect(await cluster.waitUntilDead(second), "the standby exits instead of starting the cluster again")
                try await Task.sleep(for: .seconds(1))
                let alive = running.filter { ClusterHarness.isAlive($0.value) }.keys.sorted()
                #expect(alive.isEmpty, "still running: \(alive)\n\(cluster.operatorLog())")
                #expect(try await cluster.lockHolder(registry, key: Self.key) == nil, "nobody holds the lock")
            } catch {
                for pid in standbys { kill(pid, SIGKILL) }
                throw error
            }
        }
    }
}
