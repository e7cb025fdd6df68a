import GWSTestKit
import GWSStores
import PostgresNIO
import Testing

@Suite("PostgresStore failures", .postgresServer)
struct PostgresFailureTests {
    @Test func connectionRefusedNamesTheEndpoint() async throws {
        let port = 1  // never listened on (a free ephemeral port could be taken by a parallel test)
        let config = PostgresConfiguration(host: "127.0.0.1", port: port, username: "gws", password: "topsecret", database: "gws")
        try await withStore(config, timeout: .seconds(1)) { store in
            let error = try await #require(throws: PostgresStoreError.self) {
                try await store.query("SELECT 1")
            }
            #expect(error.code == .unreachable)
            #expect(error.message.contains("127.0.0.1:\(port)"))
            #expect(error.message.contains("gws"))
            #expect(!error.message.contains("topsecret"))
            let pingError = try await #require(throws: PostgresStoreError.self) {
                try await store.ping(timeout: .seconds(1))
            }
            #expect(pingError.code == .unreachable)
        }
    }

    @Test func badCredentialsSayAuthenticationFailed() async throws {
        let server = try sharedServer()
        let role = PostgresTestServer.passwordRole
        try await server.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: """
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN
                    CREATE ROLE \(role) LOGIN PASSWORD 'right-secret-42';
                  END IF;
                END $$
                """), logger: testLogger)
        }
        let wrong = PostgresConfiguration(host: "127.0.0.1", port: server.port, username: role,
                                          password: "wrong-secret-17", database: "postgres")
        try await withStore(wrong, timeout: .seconds(1)) { store in
            let error = try await #require(throws: PostgresStoreError.self) {
                try await store.query("SELECT 1")
            }
            #expect(error.code == .authenticationFailed)
            #expect(error.message.contains("authentication failed"))
            #expect(error.message.contains("127.0.0.1:\(server.port)"))
            #expect(!error.message.contains("wrong-secret-17"))
            #expect(!"\(error)".contains("wrong-secret-17"))
        }
        var right = wrong
        right = PostgresConfiguration(host: "127.0.0.1", port: server.port, username: role,
                                      password: "right-secret-42", database: "postgres")
        try await withStore(right) { store in
            try await store.ping(timeout: .seconds(5))
        }
    }
}

@Suite("PostgresStore survives a server restart", .postgresServer)
struct PostgresRestartTests {
    @Test func queriesFailCleanlyDuringOutageAndRecoverAfter() async throws {
        let server = try sharedServer()
        try await withStore(server.configuration(), timeout: .seconds(2)) { store in
            try await store.execute("SELECT 1")
            await server.stop()
            let error = try await #require(throws: PostgresStoreError.self) {
                try await store.query("SELECT 1")
            }
            #expect(error.code == .unreachable)
            #expect(error.message.contains("127.0.0.1:\(server.port)"))

            try await server.start()
            var recovered = false
            for _ in 0..<30 where !recovered {
                recovered = (try? await store.query("SELECT 1")) != nil
            }
            #expect(recovered)
            let rows = try await store.query("SELECT \(7)::int")
            #expect(try rows.first?.decode(Int.self) == 7)
        }
    }
}
