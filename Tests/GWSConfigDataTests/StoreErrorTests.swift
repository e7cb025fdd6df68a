import GWSConfigData
import GWSStores
import Testing

@Suite("Store failures")
struct StoreErrorTests {
    @Test func anUnreachableServerIsAStoreError() async throws {
        let configuration = PostgresConfiguration(host: "127.0.0.1", port: 1, username: "postgres", database: "x")
        try await withStore(configuration, timeout: .seconds(2)) { store in
            let repository = ConfigurationRepository(store: store, hasher: PasswordHasher(rounds: testRounds), logger: testLogger)
            let error = try await #require(throws: ConfigurationError.self) {
                try await repository.listPersons(tenant: "a")
            }
            guard case .store(let underlying) = error.code else {
                Issue.record("expected .store, got \(error.code)")
                return
            }
            #expect(underlying.code == .unreachable || underlying.code == .timeout)
        }
    }
}
