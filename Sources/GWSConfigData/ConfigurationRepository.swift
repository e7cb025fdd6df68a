import GWSStores
import Logging
import PostgresNIO

/// The contact-center configuration of every tenant, in PostgreSQL.
///
/// Every operation takes the tenant and touches only that tenant's rows: a
/// query for tenant A never sees tenant B (the schema's composite foreign keys
/// enforce the same for links). Every failure is a `ConfigurationError`;
/// PostgreSQL failures arrive as its `.store` code with the store's error.
///
/// Passwords are hashed with `hasher` before they reach the database and are
/// never logged or returned.
public struct ConfigurationRepository: Sendable {
    /// The pool (its `run()` must be running).
    public let store: PostgresStore
    /// Hashes new passwords and verifies logins.
    public let hasher: PasswordHasher
    let logger: Logger

    /// Creates a repository on `store`, which must be connected to the service's database.
    public init(store: PostgresStore, hasher: PasswordHasher = PasswordHasher(), logger: Logger) {
        self.store = store
        self.hasher = hasher
        self.logger = logger
    }

    /// Applies `ConfigurationSchema.migrations` (a no-op when up to date).
    /// - Returns: The migration ids this call applied.
    /// - Throws: `PostgresStoreError` as `MigrationRunner` does.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await MigrationRunner(store: store, logger: logger)
            .migrate(service: ConfigurationSchema.service, migrations: ConfigurationSchema.migrations)
    }

    /// Runs `body`, turning PostgreSQL errors into `ConfigurationError`s.
    func run<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as ConfigurationError {
            throw error
        } catch let error as PostgresStoreError {
            throw Self.translate(error)
        }
    }

    /// Runs `body` in one transaction, turning PostgreSQL errors into `ConfigurationError`s.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> R) async throws -> R {
        try await run { try await store.withTransaction(body) }
    }

    /// Runs one statement in `connection` and returns its rows.
    func rows(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }
}
