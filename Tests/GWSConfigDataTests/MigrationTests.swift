import GWSConfigData
import GWSStores
import Testing

extension ConfigDataTests {
    @Suite("Migrations")
    struct Migrations {
        @Test func applyFromEmptyThenReRunIsANoOp() async throws {
            let server = try sharedServer()
            let database = try await server.makeDatabase()
            try await withStore(server.configuration(database: database)) { store in
                let repository = ConfigurationRepository(store: store, logger: testLogger)
                #expect(try await repository.migrate() == ConfigurationSchema.migrations.map(\.id))
                #expect(try await repository.migrate() == [])
                let rows = try await store.query("""
                    SELECT version FROM gws_schema_migrations WHERE service = 'configuration' ORDER BY version
                    """)
                #expect(try rows.map { try $0.decode(Int.self) } == [1, 2, 3])
                let tables = try await store.query("""
                    SELECT table_name::text FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_name LIKE 'cfg_%' ORDER BY table_name
                    """)
                #expect(try tables.map { try $0.decode(String.self) } == [
                    "cfg_agent_group_members", "cfg_agent_groups", "cfg_dns", "cfg_person_skills",
                    "cfg_persons", "cfg_places", "cfg_skills", "cfg_tenants",
                ])
            }
        }

        @Test func migrationsAreNumberedFromOneWithoutGaps() {
            #expect(ConfigurationSchema.migrations.map(\.id) == Array(1...ConfigurationSchema.migrations.count))
            #expect(ConfigurationSchema.service == "configuration")
        }
    }
}
