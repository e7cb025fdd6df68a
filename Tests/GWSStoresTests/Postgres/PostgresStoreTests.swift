import GWSStores
import PostgresNIO
import Testing

private struct Boom: Error {}

@Suite("PostgresStore against a real server", .postgresServer)
struct PostgresStoreTests {
    @Test func queryRoundTripWithBinds() async throws {
        let server = try sharedServer()
        let database = try await server.makeDatabase()
        try await withStore(server.configuration(database: database)) { store in
            try await store.ping(timeout: .seconds(5))
            let rows = try await store.query("SELECT \(41) + 1, \("gws")::text")
            let (sum, text) = try #require(rows.first).decode((Int, String).self)
            #expect(sum == 42)
            #expect(text == "gws")
        }
    }

    @Test func transactionCommitsAndRollsBackOnThrow() async throws {
        let server = try sharedServer()
        let database = try await server.makeDatabase()
        try await withStore(server.configuration(database: database)) { store in
            try await store.execute("CREATE TABLE items (name text PRIMARY KEY)")
            try await store.withTransaction { connection in
                try await connection.query("INSERT INTO items VALUES ('kept')", logger: testLogger)
            }
            await #expect(throws: Boom.self) {
                try await store.withTransaction { connection in
                    try await connection.query("INSERT INTO items VALUES ('dropped')", logger: testLogger)
                    throw Boom()
                }
            }
            let rows = try await store.query("SELECT name FROM items ORDER BY name")
            #expect(try rows.map { try $0.decode(String.self) } == ["kept"])
        }
    }

    @Test func serverErrorsCarrySQLStateAndEndpoint() async throws {
        let server = try sharedServer()
        let database = try await server.makeDatabase()
        try await withStore(server.configuration(database: database)) { store in
            let error = try await #require(throws: PostgresStoreError.self) {
                try await store.query("SELECT * FROM no_such_table")
            }
            #expect(error.code == .queryFailed(sqlState: "42P01"))
            #expect(error.message.contains("127.0.0.1:\(server.port)"))
            #expect(error.message.contains(database))
            #expect(error.message.contains("no_such_table"))
        }
    }

    @Test func ensureDatabaseIsIdempotent() async throws {
        let server = try sharedServer()
        try await withStore(server.configuration()) { store in
            let name = "ensure_\(UInt32.random(in: 0...UInt32.max))"
            #expect(try await store.ensureDatabase(named: name))
            #expect(try await store.ensureDatabase(named: name) == false)
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { try await store.ensureDatabase(named: name + "_c") } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1)
            let error = try await #require(throws: PostgresStoreError.self) {
                try await store.ensureDatabase(named: "bad\"; DROP DATABASE postgres; --")
            }
            #expect(error.code == .invalidConfiguration)
        }
    }
}
