import GWSConfigData
import GWSStores
import Logging

/// The logger handed to the code under test.
let testLogger: Logger = {
    var logger = Logger(label: "gws.configdata.tests")
    logger.logLevel = .warning
    return logger
}()

/// PBKDF2 rounds in tests: enough to exercise the code, cheap enough to be fast.
let testRounds = 1_000

/// Runs `body` with a `PostgresStore` whose pool runs for the body's duration.
func withStore<R: Sendable>(
    _ configuration: PostgresConfiguration,
    timeout: Duration = .seconds(10),
    _ body: @Sendable (PostgresStore) async throws -> R
) async throws -> R {
    let store = try PostgresStore(configuration: configuration, operationTimeout: timeout, logger: testLogger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await store.run() }
        defer { group.cancelAll() }
        return try await body(store)
    }
}

/// Runs `body` with a repository on a fresh, migrated database of the suite's
/// server, holding tenants `a` and `b`.
func withRepository<R: Sendable>(_ body: @Sendable (ConfigurationRepository) async throws -> R) async throws -> R {
    let server = try sharedServer()
    let database = try await server.makeDatabase()
    return try await withStore(server.configuration(database: database)) { store in
        let repository = ConfigurationRepository(store: store, hasher: PasswordHasher(rounds: testRounds), logger: testLogger)
        try await repository.migrate()
        try await repository.createTenant(id: "a", name: "Tenant A")
        try await repository.createTenant(id: "b", name: "Tenant B")
        return try await body(repository)
    }
}

/// A valid new person whose user name and employee id derive from `name`.
func newPerson(_ name: String, password: String? = nil, first: String = "", last: String = "") -> NewPerson {
    NewPerson(userName: name, firstName: first, lastName: last, employeeId: "emp-\(name)", password: password, isAgent: true)
}
