import GWSStores
import GWSTestKit
import PostgresNIO
import Testing

/// A statement running when its server goes away, with two real servers in
/// a multi-host URL (`target_session_attrs=read-write`: the first writable
/// one is used): an idempotent one is run again on the other server, any
/// other fails (whether it committed is unknown).
@Suite("PostgresStore replays idempotent statements after a server loss", .serialized)
struct PostgresReplayTests {
    /// Runs `body` with a store over two fresh servers, the first one chosen.
    private func withTwoServers(
        _ body: @Sendable (PostgresStore, PostgresTestServer, PostgresTestServer) async throws -> Void
    ) async throws {
        try await PostgresTestServer.withServer { first in
            try await PostgresTestServer.withServer { second in
                let url = "postgres://postgres@127.0.0.1:\(first.port),127.0.0.1:\(second.port)/postgres?target_session_attrs=read-write"
                let configuration = try PostgresConfiguration(url: url, passwordFile: nil)
                try await withStore(configuration, timeout: .seconds(20)) { store in
                    try await body(store, first, second)
                }
            }
        }
    }

    /// `SELECT` of the answering server's port after `seconds` of sleep.
    private static func portAfterSleep(_ seconds: Double) -> PostgresQuery {
        "SELECT current_setting('port')::int FROM pg_sleep(\(seconds))"
    }

    @Test("an idempotent statement is run again on the other server and answers from it")
    func idempotentIsReplayed() async throws {
        try await withTwoServers { store, first, second in
            let before = try await store.query("SELECT current_setting('port')::int").first?.decode(Int.self)
            #expect(before == first.port)
            let running = Task { try await store.query(Self.portAfterSleep(2), idempotent: true) }
            try await waitUntilRunning(on: first)
            await first.stop()  // fast shutdown: the running statement's connection is terminated
            let rows = try await running.value
            #expect(try rows.first?.decode(Int.self) == second.port)
        }
    }

    @Test("a statement not marked idempotent fails when its server is lost, and the next one goes to the other server")
    func othersFail() async throws {
        try await withTwoServers { store, first, second in
            let running = Task { try await store.query(Self.portAfterSleep(2)) }
            try await waitUntilRunning(on: first)
            await first.stop()
            let error = await #expect(throws: PostgresStoreError.self) { try await running.value }
            #expect(error.map(\.message)?.contains("127.0.0.1:\(first.port)") == true, "\(String(describing: error))")
            let after = try await store.query("SELECT current_setting('port')::int").first?.decode(Int.self)
            #expect(after == second.port)
        }
    }

    /// Waits until `server` runs a `pg_sleep` (the statement was sent and started).
    private func waitUntilRunning(on server: PostgresTestServer) async throws {
        for _ in 0..<200 {
            var sleeping = 0
            try await server.withConnection { connection in
                let rows = try await connection.query(
                    "SELECT count(*)::int FROM pg_stat_activity WHERE query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()",
                    logger: testLogger)
                for try await count in rows.decode(Int.self) { sleeping = count }
            }
            if sleeping > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the statement never started on 127.0.0.1:\(server.port)")
    }
}
