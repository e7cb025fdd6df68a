import Foundation
import GWSOperator
import Subprocess
import SystemPackage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The stores the operator runs itself: PostgreSQL (initdb as the postgres
/// user, databases gws and prov), Redis; data kept across down and up; a
/// killed store restarted with the services recovering by themselves.
@Suite(.serialized) struct StoreIntegrationTests {
    static let small = [
        "--set", "gwsServices.gwsAppProvisioning.enabled=false,gwsServices.gwsPlatformConfiguration.enabled=false",
        "--set", "gwsServices.gwsPlatformStatistics.enabled=false,gwsServices.gwsPlatformDatacollector.enabled=false",
        "--set", "gwsServices.gwsPlatformIxn.enabled=false,gwsServices.gwsPlatformVoice.enabled=false",
        "--set", "gwsServices.gwsUiProvisioning.enabled=false,externals.tenant.enabled=false,externals.auth.enabled=false",
    ]

    func psql(_ port: Int, _ sql: String) async throws -> String {
        let result = try await Subprocess.run(
            .name("psql"),
            arguments: ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "gws", "-tAc", sql],
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else { throw HarnessError("psql failed: \(result.standardError)") }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func dataSurvivesDownAndUpAndAKilledStoreIsRestarted() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            let first = try await cluster.startOperator(Self.small)
            var status = try await cluster.waitForAllReady()
            let pg = try #require(status.instances.first { $0.instance == "postgres-0" })
            #expect(status.instances.contains { $0.instance == "redis-0" && $0.ready })
            let port = try #require(pg.port)
            #expect(pg.replication == nil)

            // No switchover without PostgreSQL HA, and none for other stores.
            let switchover = try await cluster.gwsctl(["switchover", "postgres"])
            #expect(switchover.status == 1 && switchover.stderr.contains("postgres.ha.enabled=true"), "\(switchover.stderr)")
            let redis = try await cluster.gwsctl(["switchover", "redis"])
            #expect(redis.status == 1 && redis.stderr.contains("only postgres"), "\(redis.stderr)")

            // The operator created the GWS databases; a committed row…
            _ = try await psql(port, "CREATE TABLE IF NOT EXISTS drill (id int primary key, note text)")
            _ = try await psql(port, "INSERT INTO drill VALUES (1, 'kept') ON CONFLICT DO NOTHING")

            // …survives down and up (same data directory, same port).
            let down = try await cluster.gwsctl(["down"])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(await cluster.waitUntilDead(first))
            #expect(await cluster.waitUntilDead(try #require(pg.pid)))
            _ = try await cluster.startOperator()
            status = try await cluster.waitForAllReady()
            #expect(status.instances.first { $0.instance == "postgres-0" }?.port == port)
            #expect(try await psql(port, "SELECT note FROM drill WHERE id = 1") == "kept")

            // A killed store is restarted; the service that uses it recovers by itself.
            let pg2 = try #require(status.instances.first { $0.instance == "postgres-0" })
            let settingBefore = try #require(status.instances.first { $0.instance == "setting-0" })
            kill(try #require(pg2.pid), SIGKILL)
            status = try await cluster.waitFor("postgres-0 restarted and every instance ready", timeout: .seconds(60)) { s in
                s.phase == "Running"
                    && s.instances.contains { $0.instance == "postgres-0" && $0.pid != pg2.pid && $0.ready }
            }
            let setting = try #require(status.instances.first { $0.instance == "setting-0" })
            let settingPort = try #require(setting.port)
            let ready = try await eventually {
                try await cluster.get("http://127.0.0.1:\(settingPort)/readyz?verbose")
            }
            #expect(ready.status == 200)
            #expect(ready.body.contains("[+]postgres ok"))
            #expect(setting.pid == settingBefore.pid, "the service itself was not restarted")
            #expect(try await psql(port, "SELECT note FROM drill WHERE id = 1") == "kept")
        }
    }

    @Test func anUnreachableExternalStoreIsReportedAndItsServicesAreNotReady() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            let deadPort = 1  // never listened on; a free ephemeral port could be taken by a parallel test
            let external = ["--set", "redis.address=127.0.0.1,redis.port=\(deadPort)"]
            let plan = try await cluster.gwsctl(["plan"] + Self.small + external)
            #expect(plan.status == 0)
            #expect(plan.stderr.contains("warning: redis at 127.0.0.1:\(deadPort) is unreachable"))
            #expect(!plan.stdout.contains("redis-0"), "an external store is not run by the operator")

            _ = try await cluster.startOperator(Self.small + external)
            let status = try await cluster.waitFor("redis reported unreachable, workspace-0 running") { s in
                s.conditions.contains { $0.type == "Degraded" && $0.status == "True" && $0.message.contains("redis at 127.0.0.1:\(deadPort)") }
                    && s.instances.contains { $0.instance == "workspace-0" && $0.pid != nil && $0.port != nil }
            }
            #expect(status.phase == "Degraded")
            #expect(!status.instances.contains { $0.instance == "redis-0" })
            // Workspace uses Redis: running but not ready; the others are ready.
            let workspace = try #require(status.instances.first { $0.instance == "workspace-0" })
            let workspacePort = try #require(workspace.port)
            let readyz = try await cluster.get("http://127.0.0.1:\(workspacePort)/readyz?verbose")
            #expect(readyz.status == 503)
            #expect(readyz.body.contains("[-]redis failed"))
            let table = try await cluster.gwsctl(["status"])
            #expect(table.stdout.contains("degraded: redis at 127.0.0.1:\(deadPort) is unreachable"))
        }
    }
}
