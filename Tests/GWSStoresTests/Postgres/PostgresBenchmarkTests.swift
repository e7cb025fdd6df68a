import Foundation
import GWSStores
import PostgresNIO
import Testing

/// Round-trip latency of `SELECT abalance FROM pgbench_accounts WHERE aid = $1`
/// through `PostgresStore`, at pgbench -S's concurrency, against the server that
/// `hack/bench-postgres.sh` started and filled with `pgbench -i`.
///
/// Runs only with `GWS_BENCH=1` and `GWS_BENCH_PORT` set (the script sets both).
@Suite("PostgreSQL pool benchmark")
struct PostgresBenchmarkTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["GWS_BENCH"] != nil && environment["GWS_BENCH_PORT"] != nil))
    func selectRoundTripAtPgbenchConcurrency() async throws {
        let port = try #require(Self.environment["GWS_BENCH_PORT"].flatMap(Int.init))
        let clients = Self.environment["GWS_BENCH_CLIENTS"].flatMap(Int.init) ?? 8
        let seconds = Self.environment["GWS_BENCH_SECONDS"].flatMap(Int.init) ?? 10
        let database = Self.environment["GWS_BENCH_DATABASE"] ?? "bench"
        var config = PostgresConfiguration(host: "127.0.0.1", port: port, username: "postgres", database: database)
        config.maximumConnections = clients

        let latencies = try await withStore(config) { store in
            let accounts = try await store.query("SELECT count(*) FROM pgbench_accounts")
            let rowCount = try #require(accounts.first).decode(Int.self)
            for _ in 0..<clients * 10 { try await store.execute("SELECT abalance FROM pgbench_accounts WHERE aid = \(1)") }
            let deadline = ContinuousClock.now + .seconds(seconds)
            return try await withThrowingTaskGroup(of: [Duration].self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        var samples: [Duration] = []
                        samples.reserveCapacity(100_000)
                        let clock = ContinuousClock()
                        while clock.now < deadline {
                            let aid = Int.random(in: 1...rowCount)
                            let start = clock.now
                            let rows = try await store.query("SELECT abalance FROM pgbench_accounts WHERE aid = \(aid)")
                            samples.append(clock.now - start)
                            _ = try rows.first?.decode(Int.self)
                        }
                        return samples
                    }
                }
                return try await group.reduce(into: [Duration]()) { $0 += $1 }
            }
        }
        let sorted = latencies.sorted()
        func ms(_ d: Duration) -> String {
            String(format: "%.3f", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
        }
        let total = sorted.reduce(Duration.zero, +)
        let line = "clients=\(clients) seconds=\(seconds) queries=\(sorted.count) "
            + "tps=\(String(format: "%.0f", Double(sorted.count) / Double(seconds))) "
            + "avg_ms=\(ms(total / sorted.count)) p50_ms=\(ms(sorted[sorted.count / 2])) "
            + "p99_ms=\(ms(sorted[sorted.count * 99 / 100])) max_ms=\(ms(sorted.last ?? .zero))"
        print("GWS_BENCH_RESULT \(line)")
        #expect(!sorted.isEmpty)
    }
}
