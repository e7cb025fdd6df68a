import GWSStores
import PostgresNIO
import Testing

@Suite("MigrationRunner against a real server", .postgresServer)
struct MigrationRunnerTests {
    static let migrations = [
        Migration(id: 1, name: "create settings", sql: """
            CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE applied_log (n int);
            INSERT INTO applied_log VALUES (1);
            """),
        Migration(id: 2, name: "add updated_at", sql: """
            ALTER TABLE settings ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
            INSERT INTO applied_log VALUES (2);
            """),
    ]

    @Test func appliesFromEmptyThenReRunIsANoOp() async throws {
        let server = try sharedServer()
        let database = try await server.makeDatabase()
        try await withStore(server.configuration(database: database)) { store in
            let runner = MigrationRunner(store: store, logger: testLogger)
            #expect(try await runner.migrate(service: "setting", migrations: Self.migrations.reversed()) == [1, 2])
            #expect(try await runner.migrate(service: "setting", migrations: Self.migrations) == [])
            // Another service keeps its own versions in the same table.
            let other = [Migration(id: 1, name: "prov table", sql: "CREATE TABLE prov_items (id int)")]
            #expect(try await runner.migrate(service: "provisioning", migrations: other) == [1])

            let rows = try await store.query("SELECT service, version, name FROM gws_schema_migrations ORDER BY service, version")
            let recorded = try rows.map { try $0.decode((String, Int, String).self) }
            #expect(recorded.map { "\($0.0)#\($0.1) \($0.2)" } == [
                "provisioning#1 prov table", "setting#1 create settings", "setting#2 add updated_at",
            ])
            try await store.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        }
    }

    @Test func concurrentRunnersApplyEachMigrationOnce() async throws {
        let server = try sharedServer()
        let database = try await server.makeDatabase()
        let config = server.configuration(database: database)
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await withStore(config) { store in
                        try await MigrationRunner(store: store, logger: testLogger)
                            .migrate(service: "setting", migrations: Self.migrations)
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(applied.sorted() == [1, 2])
        try await withStore(config) { store in
            let rows = try await store.query("SELECT n FROM applied_log ORDER BY n")
            #expect(try rows.map { try $0.decode(Int.self) } == [1, 2])
        }
    }

    @Test func changedChecksumOfAnAppliedMigrationIsAnError() async throws {
        let server = try sharedServer()
        let database = try await server.makeDatabase()
        try await withStore(server.configuration(database: database)) { store in
            let runner = MigrationRunner(store: store, logger: testLogger)
            try await runner.migrate(service: "setting", migrations: Self.migrations)
            var edited = Self.migrations
            edited[0] = Migration(id: 1, name: "create settings", sql: edited[0].sql + "\nCREATE TABLE sneaky (x int);")
            let error = try await #require(throws: PostgresStoreError.self) {
                try await runner.migrate(service: "setting", migrations: edited)
            }
            #expect(error.code == .migrationChecksumMismatch(service: "setting", version: 1))
            #expect(error.message.contains("create settings"))
        }
    }

    @Test func failingMigrationIsRolledBackAndReported() async throws {
        let server = try sharedServer()
        let database = try await server.makeDatabase()
        try await withStore(server.configuration(database: database)) { store in
            let runner = MigrationRunner(store: store, logger: testLogger)
            let broken = [
                Self.migrations[0],
                Migration(id: 2, name: "half done", sql: """
                    CREATE TABLE half_done (x int);
                    INSERT INTO missing_table VALUES (1);
                    """),
                Migration(id: 3, name: "never reached", sql: "CREATE TABLE never (x int)"),
            ]
            let error = try await #require(throws: PostgresStoreError.self) {
                try await runner.migrate(service: "setting", migrations: broken)
            }
            #expect(error.code == .migrationFailed(service: "setting", version: 2))
            #expect(error.message.contains("half done"))
            #expect(error.message.contains("missing_table"))
            let versions = try await store.query("SELECT version FROM gws_schema_migrations WHERE service = 'setting'")
            #expect(try versions.map { try $0.decode(Int.self) } == [1])
            let tables = try await store.query("SELECT to_regclass('half_done')::text, to_regclass('never')::text")
            let (half, never) = try #require(tables.first).decode((String?, String?).self)
            #expect(half == nil)
            #expect(never == nil)
        }
    }
}
