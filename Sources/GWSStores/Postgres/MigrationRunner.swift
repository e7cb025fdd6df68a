import Logging
import PostgresNIO

/// Applies a service's migrations once each, in order, each in its own transaction,
/// recording them in `gws_schema_migrations`.
///
/// Concurrent runners (several processes starting at once) serialise on a
/// transaction-scoped advisory lock keyed by the service, so no migration is
/// applied twice. Re-running is a no-op. An applied migration whose SQL changed
/// is an error (`migrationChecksumMismatch`); a failing one is rolled back and
/// reported (`migrationFailed`) with the server's reason.
public struct MigrationRunner: Sendable {
    /// The table recording applied migrations.
    public static let table = "gws_schema_migrations"
    let store: PostgresStore
    let logger: Logger

    /// Creates a runner on `store` (connected to the service's database).
    public init(store: PostgresStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Brings `service`'s schema up to date.
    /// - Returns: The ids applied by this call (empty if all were applied already).
    @discardableResult
    public func migrate(service: String, migrations: [Migration]) async throws -> [Int] {
        let ordered = try validated(service: service, migrations)
        try await createTable()
        try await verifyChecksums(service: service, ordered)
        var applied: [Int] = []
        for migration in ordered where try await apply(migration, service: service) {
            applied.append(migration.id)
        }
        if !applied.isEmpty {
            logger.info("applied migrations", metadata: ["service": "\(service)", "versions": "\(applied)"])
        }
        return applied
    }

    private func validated(service: String, _ migrations: [Migration]) throws -> [Migration] {
        let ordered = migrations.sorted { $0.id < $1.id }
        func invalid(_ text: String) -> PostgresStoreError {
            PostgresStoreError(code: .invalidConfiguration, endpoint: store.configuration.endpoint, message: text)
        }
        guard !service.isEmpty else { throw invalid("migrations need a service name") }
        if let bad = ordered.first(where: { $0.id <= 0 }) {
            throw invalid("migration \(service) #\(bad.id) \"\(bad.name)\": ids must be positive")
        }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.id == b.id {
            throw invalid("migrations \(service) #\(a.id) \"\(a.name)\" and \"\(b.name)\" share an id")
        }
        return ordered
    }

    private func createTable() async throws {
        let table = Self.table
        try await store.withTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(table)))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS gws_schema_migrations (
                    service text NOT NULL,
                    version int NOT NULL,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    checksum text NOT NULL,
                    PRIMARY KEY (service, version)
                )
                """, logger: logger)
        }
    }

    private func verifyChecksums(service: String, _ migrations: [Migration]) async throws {
        let rows = try await store.query(
            "SELECT version, checksum FROM gws_schema_migrations WHERE service = \(service)"
        )
        var recorded: [Int: String] = [:]
        for row in rows {
            let (version, checksum) = try row.decode((Int, String).self)
            recorded[version] = checksum
        }
        for migration in migrations {
            if let checksum = recorded[migration.id], checksum != migration.checksum {
                throw mismatch(service: service, migration)
            }
        }
    }

    /// Applies one migration unless it already is; `true` if this call applied it.
    private func apply(_ migration: Migration, service: String) async throws -> Bool {
        let lockKey = "\(Self.table):\(service)"
        let body = Self.wrapped(migration.sql)
        let checksum = migration.checksum
        do {
            return try await store.withTransaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)))", logger: logger)
                let rows = try await connection.query(
                    "SELECT checksum FROM gws_schema_migrations WHERE service = \(service) AND version = \(migration.id)",
                    logger: logger
                )
                for try await recorded in rows.decode(String.self) {
                    guard recorded == checksum else { throw mismatch(service: service, migration) }
                    return false
                }
                try await connection.query(PostgresQuery(unsafeSQL: body), logger: logger)
                try await connection.query("""
                    INSERT INTO gws_schema_migrations (service, version, name, checksum)
                    VALUES (\(service), \(migration.id), \(migration.name), \(checksum))
                    """, logger: logger)
                return true
            }
        } catch let error as PostgresStoreError {
            if case .migrationChecksumMismatch = error.code { throw error }
            throw PostgresStoreError(
                code: .migrationFailed(service: service, version: migration.id),
                endpoint: store.configuration.endpoint,
                message: "migration \(service) #\(migration.id) \"\(migration.name)\" failed and was rolled back: \(error.message)"
            )
        } catch {
            guard let mapped = PostgresStoreError.classify(error, configuration: store.configuration) else { throw error }
            throw PostgresStoreError(
                code: .migrationFailed(service: service, version: migration.id),
                endpoint: store.configuration.endpoint,
                message: "migration \(service) #\(migration.id) \"\(migration.name)\" failed and was rolled back: \(mapped.message)"
            )
        }
    }

    private func mismatch(service: String, _ migration: Migration) -> PostgresStoreError {
        PostgresStoreError(
            code: .migrationChecksumMismatch(service: service, version: migration.id),
            endpoint: store.configuration.endpoint,
            message: "migration \(service) #\(migration.id) \"\(migration.name)\" was applied with different SQL "
                + "(checksum differs from the one recorded in gws_schema_migrations); add a new migration instead of editing an applied one"
        )
    }

    /// The SQL as one statement (the extended protocol takes one per query):
    /// a `DO` block that `EXECUTE`s it, dollar-quoted with tags absent from it.
    static func wrapped(_ sql: String) -> String {
        var n = 0
        var outer = "$gws_do$"
        var inner = "$gws_sql$"
        while sql.contains(outer) || sql.contains(inner) {
            n += 1
            outer = "$gws_do\(n)$"
            inner = "$gws_sql\(n)$"
        }
        return "DO \(outer) BEGIN EXECUTE \(inner)\(sql)\(inner); END \(outer)"
    }
}
