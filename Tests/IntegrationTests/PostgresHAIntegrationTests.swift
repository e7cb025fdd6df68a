import Foundation
import GWSOperator
import Subprocess
import SystemPackage
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// PostgreSQL HA in local mode (`postgres.ha.enabled=true`) with the real
/// binaries: `postgres-0` (primary) and `postgres-1` (synchronous standby).
/// The primary is SIGKILLed under a writer: writes are accepted again on the
/// promoted standby, no acknowledged row is lost, the old primary comes back
/// as a standby (never as a second primary), and `gwsctl switchover postgres`
/// swaps the roles back without loss.
@Suite(.serialized) struct PostgresHAIntegrationTests {
    static let options = StoreIntegrationTests.small + ["--set", "postgres.ha.enabled=true"]

    @Test func primaryLossFailsOverWithoutLossAndASwitchoverSwapsTheRolesBack() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            _ = try await cluster.startOperator(Self.options)
            var status = try await cluster.waitForAllReady(timeout: .seconds(120))
            status = try await cluster.waitFor("postgres-0 primary, postgres-1 standby") {
                $0.replication("postgres-0") == "primary" && $0.replication("postgres-1") == "standby"
            }
            let table = try await cluster.gwsctl(["status"])
            #expect(table.stdout.contains("postgres (primary)") && table.stdout.contains("postgres (standby)"), "\(table.stdout)")
            let old = try #require(status.instances.first { $0.instance == "postgres-0" })
            let p0 = try #require(old.port)
            let p1 = try #require(status.instances.first { $0.instance == "postgres-1" }?.port)
            let ports = [p0, p1]

            // Synchronous replication is on once the standby streams, and the operator saw it.
            try await Self.waitUntil("synchronous replication on postgres-0") {
                try await Self.psql([p0], "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'") == "1"
            }
            try await Self.waitUntilFailoverPossible(cluster)
            _ = try await Self.psql(ports, "CREATE TABLE IF NOT EXISTS ha_rows (n int PRIMARY KEY)")

            // Never two writable primaries: both servers are sampled (every 250 ms) all along.
            let twoPrimaries = Mutex(0)
            let watcher = Task {
                while !Task.isCancelled {
                    async let a = try? Self.psql([p0], "SELECT pg_is_in_recovery()", database: "postgres")
                    async let b = try? Self.psql([p1], "SELECT pg_is_in_recovery()", database: "postgres")
                    if await a == "f", await b == "f" { twoPrimaries.withLock { $0 += 1 } }
                    try? await Task.sleep(for: .milliseconds(250))
                }
            }
            defer { watcher.cancel() }

            var acknowledged: [Int] = []
            for n in 1...20 {
                _ = try await Self.psql(ports, "INSERT INTO ha_rows VALUES (\(n))")
                acknowledged.append(n)
            }

            // The primary dies; a writer keeps trying through the multi-host address.
            let killed = ContinuousClock.now
            kill(try #require(old.pid), SIGKILL)
            var next = 21
            while ContinuousClock.now - killed < .seconds(60) {
                if (try? await Self.psql(ports, "INSERT INTO ha_rows VALUES (\(next))")) != nil {
                    acknowledged.append(next)
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            let resumed = ContinuousClock.now - killed
            print("PostgreSQL HA: primary SIGKILLed → a write accepted after \(resumed)")
            #expect(acknowledged.last == next, "no write accepted within 60 s")
            next += 1
            #expect(try await Self.rows(ports) == acknowledged, "every acknowledged row is on the new primary")
            #expect(try await Self.psql([p1], "SELECT pg_is_in_recovery()") == "f")

            // The old primary comes back as a standby of the new one, with the rows.
            status = try await cluster.waitFor("postgres-0 back as a standby", timeout: .seconds(60)) {
                $0.replication("postgres-1") == "primary" && $0.replication("postgres-0") == "standby"
                    && $0.instances.contains { $0.instance == "postgres-0" && $0.pid != old.pid && $0.ready }
            }
            #expect(try await Self.psql([p0], "SELECT pg_is_in_recovery()") == "t")
            try await Self.waitUntil("the rows on postgres-0") { try await Self.rows([p0]) == acknowledged }
            try await Self.waitUntil("synchronous replication on postgres-1") {
                try await Self.psql([p1], "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'") == "1"
            }

            // A planned switchover swaps the roles back, with no loss.
            for _ in 0..<10 {
                _ = try await Self.psql(ports, "INSERT INTO ha_rows VALUES (\(next))")
                acknowledged.append(next)
                next += 1
            }
            let switchover = try await cluster.gwsctl(["switchover", "postgres"])
            #expect(switchover.status == 0, "\(switchover.stderr)")
            print("PostgreSQL HA: \(switchover.stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
            #expect(try await Self.psql([p0], "SELECT pg_is_in_recovery()") == "f")
            _ = try await Self.psql(ports, "INSERT INTO ha_rows VALUES (\(next))")
            acknowledged.append(next)
            #expect(try await Self.rows(ports) == acknowledged)
            status = try await cluster.waitFor("postgres-1 back as a standby", timeout: .seconds(60)) {
                $0.replication("postgres-0") == "primary" && $0.replication("postgres-1") == "standby"
                    && $0.instances.allSatisfy { !$0.role.hasPrefix("postgres") || $0.ready }
            }
            try await Self.waitUntil("the rows on postgres-1") { try await Self.rows([p1]) == acknowledged }
            #expect(twoPrimaries.withLock { $0 } == 0, "two writable primaries were seen")

            // The service using PostgreSQL follows the primary by itself.
            let setting = try #require(status.instances.first { $0.instance == "setting-0" })
            let settingPort = try #require(setting.port)
            let ready = try await eventually({ try await cluster.get("http://127.0.0.1:\(settingPort)/readyz?verbose") },
                timeout: .seconds(30))
            #expect(ready.body.contains("[+]postgres ok"), "\(ready.body)")
        }
    }

    @Test func aHungPrimaryIsKilledAndFailedOver() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            _ = try await cluster.startOperator(Self.options)
            let status = try await cluster.waitForAllReady(timeout: .seconds(120))
            let old = try #require(status.instances.first { $0.instance == "postgres-0" })
            let p0 = try #require(old.port)
            let p1 = try #require(status.instances.first { $0.instance == "postgres-1" }?.port)
            try await Self.waitUntilFailoverPossible(cluster)
            _ = try await Self.psql([p0, p1], "CREATE TABLE IF NOT EXISTS ha_rows (n int PRIMARY KEY)")
            _ = try await Self.psql([p0, p1], "INSERT INTO ha_rows VALUES (1)")

            // The postmaster hangs: its port still accepts TCP (the operator's probe passes), nothing answers.
            let stopped = ContinuousClock.now
            kill(try #require(old.pid), SIGSTOP)
            var written = false
            while !written, ContinuousClock.now - stopped < .seconds(60) {
                written = (try? await Self.psql([p0, p1], "INSERT INTO ha_rows VALUES (2)")) != nil
            }
            print("PostgreSQL HA: primary SIGSTOPped → a write accepted after \(ContinuousClock.now - stopped)")
            #expect(written)
            #expect(try await Self.rows([p1]) == [1, 2])
            #expect(await cluster.waitUntilDead(try #require(old.pid)), "the hung primary was killed")
            try await cluster.waitFor("postgres-0 back as a standby", timeout: .seconds(60)) {
                $0.replication("postgres-1") == "primary" && $0.replication("postgres-0") == "standby"
            }
        }
    }

    @Test func aStandbyLossDelaysWritesBrieflyAndDownUpKeepsRolesAndData() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            let firstOperator = try await cluster.startOperator(Self.options)
            var status = try await cluster.waitForAllReady(timeout: .seconds(120))
            let p0 = try #require(status.instances.first { $0.instance == "postgres-0" }?.port)
            let standby = try #require(status.instances.first { $0.instance == "postgres-1" })
            let p1 = try #require(standby.port)
            try await Self.waitUntilFailoverPossible(cluster)
            _ = try await Self.psql([p0, p1], "CREATE TABLE IF NOT EXISTS ha_rows (n int PRIMARY KEY)")
            _ = try await Self.psql([p0, p1], "INSERT INTO ha_rows VALUES (1)")

            // The standby dies: commits wait for it (synchronous) until it is back, then go on.
            let killed = ContinuousClock.now
            kill(try #require(standby.pid), SIGKILL)
            _ = try await Self.psql([p0, p1], "INSERT INTO ha_rows VALUES (2)")
            print("PostgreSQL HA: standby SIGKILLed → a write accepted after \(ContinuousClock.now - killed)")
            status = try await cluster.waitFor("postgres-1 back as a standby", timeout: .seconds(60)) {
                $0.replication("postgres-0") == "primary" && $0.replication("postgres-1") == "standby"
            }
            try await Self.waitUntil("the rows on postgres-1") { try await Self.rows([p1]) == [1, 2] }

            // down and up: the same roles, every row.
            let pids = status.instances.filter { $0.role == "postgres" }.compactMap(\.pid)
            let down = try await cluster.gwsctl(["down"])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(await cluster.waitUntilDead(firstOperator))
            for pid in pids { #expect(await cluster.waitUntilDead(pid)) }
            _ = try await cluster.startOperator()
            _ = try await cluster.waitForAllReady(timeout: .seconds(120))
            try await cluster.waitFor("postgres-0 primary, postgres-1 standby after up") {
                $0.replication("postgres-0") == "primary" && $0.replication("postgres-1") == "standby"
            }
            #expect(try await Self.rows([p0, p1]) == [1, 2])
            _ = try await Self.psql([p0, p1], "INSERT INTO ha_rows VALUES (3)")
            try await Self.waitUntil("the rows on postgres-1") { try await Self.rows([p1]) == [1, 2, 3] }
        }
    }

    @Test func anOperatorRestartedByKillAdoptsThePairAndStillFailsOver() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            let first = try await cluster.startOperator(Self.options)
            var status = try await cluster.waitForAllReady(timeout: .seconds(120))
            let old = try #require(status.instances.first { $0.instance == "postgres-0" })
            let p0 = try #require(old.port)
            let p1 = try #require(status.instances.first { $0.instance == "postgres-1" }?.port)
            try await Self.waitUntilFailoverPossible(cluster)
            _ = try await Self.psql([p0, p1], "CREATE TABLE IF NOT EXISTS ha_rows (n int PRIMARY KEY)")
            _ = try await Self.psql([p0, p1], "INSERT INTO ha_rows VALUES (1)")

            // The operator dies; a new one adopts both servers (same pids) and sees the synchronous standby again.
            kill(first, SIGKILL)
            #expect(await cluster.waitUntilDead(first))
            _ = try await cluster.startOperator()
            status = try await cluster.waitFor("the pair adopted with its roles") {
                $0.replication("postgres-0") == "primary" && $0.replication("postgres-1") == "standby"
            }
            #expect(status.instances.first { $0.instance == "postgres-0" }?.pid == old.pid)
            try await Self.waitUntilFailoverPossible(cluster, times: 2)

            kill(try #require(old.pid), SIGKILL)
            let killed = ContinuousClock.now
            var written = false
            while !written, ContinuousClock.now - killed < .seconds(60) {
                written = (try? await Self.psql([p0, p1], "INSERT INTO ha_rows VALUES (2)")) != nil
            }
            #expect(written)
            #expect(try await Self.psql([p1], "SELECT pg_is_in_recovery()") == "f")
            #expect(try await Self.rows([p0, p1]) == [1, 2])
            try await cluster.waitFor("postgres-0 back as a standby", timeout: .seconds(60)) {
                $0.replication("postgres-1") == "primary" && $0.replication("postgres-0") == "standby"
            }
        }
    }

    // MARK: - Helpers

    /// `psql` against `ports` on 127.0.0.1 (several: the writable one, libpq's target_session_attrs=read-write).
    static func psql(_ ports: [Int], _ sql: String, database: String = "gws") async throws -> String {
        let hosts = ports.map { _ in "127.0.0.1" }.joined(separator: ",")
        let list = ports.map(String.init).joined(separator: ",")
        let target = ports.count > 1 ? " target_session_attrs=read-write" : ""
        let conninfo = "host=\(hosts) port=\(list) user=postgres dbname=\(database) connect_timeout=2\(target)"
        let result = try await Subprocess.run(
            .name("psql"), arguments: [conninfo, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else { throw HarnessError("psql failed: \(result.standardError)") }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The operator logged that it saw the primary commit synchronously to the standby
    /// (only then does it fail over rather than restart the primary on its own data).
    static func waitUntilFailoverPossible(_ cluster: ClusterHarness, times: Int = 1) async throws {
        try await waitUntil("the operator to see a synchronous standby") {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: cluster.stateDir)) ?? []
            let log = files.filter { $0.hasPrefix("operator-") }.compactMap {
                try? String(contentsOfFile: cluster.stateDir + "/" + $0, encoding: .utf8)
            }.joined()
            return log.components(separatedBy: "failover possible").count - 1 >= times
        }
    }

    static func rows(_ ports: [Int]) async throws -> [Int] {
        try await psql(ports, "SELECT n FROM ha_rows ORDER BY n").split(separator: "\n").compactMap { Int($0) }
    }

    static func waitUntil(
        _ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("timed out waiting for \(what)")
    }
}
