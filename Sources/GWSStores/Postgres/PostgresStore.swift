import Logging
import PostgresNIO
import ServiceLifecycle

/// A PostgreSQL connection pool (PostgresNIO's `PostgresClient`) with timeouts
/// and errors fit for a service: every failure is a `PostgresStoreError`
/// naming `host:port` and the database, never the password.
///
/// It is a `Service`: run it in the process's `ServiceGroup` (before the first
/// query, or the query waits until it runs).
///
/// With several servers (a multi-host URL: a primary and its standby) it keeps
/// one pool per server and uses the one ``PostgresServerSelector`` picks (with
/// `target_session_attrs=read-write`, the primary); see `PostgresStore+Servers.swift`
/// for how it follows a failover.
public final class PostgresStore: Service, Sendable {
    /// Where the pool connects.
    public let configuration: PostgresConfiguration
    /// One pool per server of ``PostgresConfiguration/servers``.
    let pools: [PostgresClient]
    /// Picks the pool to use; nil with one server and no `read-write` target.
    let selector: PostgresServerSelector?
    /// How long one `query`, `execute` or `withTransaction` may wait and run.
    public let operationTimeout: Duration
    let logger: Logger

    /// Creates the pool (it connects lazily once `run()` is running).
    /// - Parameters:
    ///   - configuration: Server, credentials and database.
    ///   - operationTimeout: The limit for each operation, including waiting for a connection.
    ///   - logger: Receives the pool's background messages and this type's diagnostics.
    public init(configuration: PostgresConfiguration, operationTimeout: Duration = .seconds(10), logger: Logger) throws {
        self.configuration = configuration
        self.operationTimeout = operationTimeout
        var logger = logger
        logger[metadataKey: "postgres"] = "\(configuration.endpoint)"
        self.logger = logger
        self.pools = try configuration.servers.map { server in
            PostgresClient(
                configuration: try configuration.onServer(server).makeClientConfiguration(), backgroundLogger: logger)
        }
        self.selector =
            configuration.needsServerSelection
            ? PostgresServerSelector(
                servers: configuration.servers, target: configuration.targetSessionAttributes, logger: logger,
                ask: PostgresServerSelector.probe(configuration, timeout: .seconds(1), logger: logger))
            : nil
    }

    /// Runs the pools until graceful shutdown or cancellation.
    public func run() async throws {
        logger.debug("PostgreSQL pool running")
        await withDiscardingTaskGroup { group in
            for pool in pools { group.addTask { await pool.run() } }
        }
    }

    /// Runs one statement and returns all its rows.
    ///
    /// `idempotent`: running the statement twice does what running it once
    /// does (a read, an upsert of the same values). With several servers such a
    /// statement is run again on the new primary when its server is lost while
    /// it runs (a failover), instead of failing; others fail, since whether
    /// they committed is unknown.
    @discardableResult
    public func query(_ query: PostgresQuery, idempotent: Bool = false) async throws -> [PostgresRow] {
        try await guarded(timeout: operationTimeout) { [self, logger] in
            try await onConnection(replayable: idempotent) { connection in
                var rows: [PostgresRow] = []
                for try await row in try await connection.query(query, logger: logger) {
                    rows.append(row)
                }
                return rows
            }
        }
    }

    /// Runs one statement, discarding any rows (`idempotent`: see ``query(_:idempotent:)``).
    public func execute(_ query: PostgresQuery, idempotent: Bool = false) async throws {
        try await self.query(query, idempotent: idempotent)
    }

    /// Runs `body` on one pooled connection.
    @discardableResult
    public func withConnection<R: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> R
    ) async throws -> R {
        try await guarded(timeout: operationTimeout) { [self] in
            try await onConnection { connection in try await body(connection) }
        }
    }

    /// Runs `body` inside `BEGIN` … `COMMIT` on one pooled connection; if `body`
    /// throws, the transaction is rolled back and the error rethrown (errors of
    /// the caller's own are passed through unchanged).
    @discardableResult
    public func withTransaction<R: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> R
    ) async throws -> R {
        try await guarded(timeout: operationTimeout) { [self, logger] in
            try await onConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                let result: R
                do {
                    result = try await body(connection)
                } catch {
                    do {
                        try await connection.query("ROLLBACK", logger: logger)
                    } catch {
                        logger.warning("ROLLBACK failed", metadata: ["reason": "\(PostgresStoreError.networkReason(error))"])
                    }
                    throw error
                }
                try await connection.query("COMMIT", logger: logger)
                return result
            }
        }
    }

    /// Checks that the server answers `SELECT 1` through the pool within `timeout`
    /// (a readiness check); throws a `PostgresStoreError` saying why not.
    public func ping(timeout: Duration) async throws {
        _ = try await guarded(timeout: timeout) { [self, logger] in
            _ = try await onConnection { connection in try await connection.query("SELECT 1", logger: logger) }
            return true
        }
    }
}
