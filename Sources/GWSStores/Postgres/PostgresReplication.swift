import Logging
import PostgresNIO

/// What one PostgreSQL server of a primary/standby pair says about replication.
public struct PostgresReplicationState: Sendable, Equatable {
    /// `pg_is_in_recovery()`: true on a standby (read-only), false on a primary.
    public var inRecovery: Bool
    /// `synchronous_standby_names` (empty: commits do not wait for a standby).
    public var synchronousStandbyNames: String
    /// Standbys streaming from this server (`pg_stat_replication`, state `streaming`).
    public var streamingStandbys: Int
    /// Of those, the synchronous ones (`sync_state` = `sync`).
    public var synchronousStandbys: Int
    /// On a standby: everything received has been replayed (true on a primary).
    public var replayCaughtUp: Bool
    /// On a primary: `pg_current_wal_lsn()` (nil on a standby).
    public var currentLSN: UInt64?
    /// On a primary: how far its synchronous standby has flushed the WAL (nil without one).
    public var synchronousFlushLSN: UInt64?

    public init(
        inRecovery: Bool, synchronousStandbyNames: String = "", streamingStandbys: Int = 0, synchronousStandbys: Int = 0,
        replayCaughtUp: Bool = true, currentLSN: UInt64? = nil, synchronousFlushLSN: UInt64? = nil
    ) {
        self.inRecovery = inRecovery
        self.synchronousStandbyNames = synchronousStandbyNames
        self.streamingStandbys = streamingStandbys
        self.synchronousStandbys = synchronousStandbys
        self.replayCaughtUp = replayCaughtUp
        self.currentLSN = currentLSN
        self.synchronousFlushLSN = synchronousFlushLSN
    }

    /// `16/B374D848` → 0x16_B374D848 (a WAL position).
    public static func lsn(_ text: String?) -> UInt64? {
        guard let parts = text?.split(separator: "/"), parts.count == 2, let high = UInt64(parts[0], radix: 16),
            let low = UInt64(parts[1], radix: 16)
        else { return nil }
        return high << 32 | low
    }

    /// A primary whose commits wait for a synchronous standby that is streaming now.
    public var isSynchronousPrimary: Bool { !inRecovery && !synchronousStandbyNames.isEmpty && synchronousStandbys > 0 }
}

/// The few statements an operator sends to the PostgreSQL servers it runs
/// (user `postgres`, database `postgres`, trust authentication on 127.0.0.1):
/// one short-lived connection each, bounded by a timeout.
public enum PostgresReplication {
    /// The server's replication state; nil when it does not answer within `timeout`.
    public static func state(
        host: String = "127.0.0.1", port: Int, timeout: Duration, logger: Logger
    ) async -> PostgresReplicationState? {
        try? await run(host: host, port: port, timeout: timeout, logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT pg_is_in_recovery(), current_setting('synchronous_standby_names'),
                  (SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'),
                  (SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'),
                  COALESCE(pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn(), true),
                  CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END,
                  (SELECT max(flush_lsn)::text FROM pg_stat_replication WHERE sync_state = 'sync')
                """, logger: logger)
            for try await (recovery, names, streaming, sync, caughtUp, current, flushed) in rows.decode(
                (Bool, String, Int, Int, Bool, String?, String?).self)
            {
                return PostgresReplicationState(
                    inRecovery: recovery, synchronousStandbyNames: names, streamingStandbys: streaming,
                    synchronousStandbys: sync, replayCaughtUp: caughtUp,
                    currentLSN: PostgresReplicationState.lsn(current),
                    synchronousFlushLSN: PostgresReplicationState.lsn(flushed))
            }
            throw PostgresStoreError(code: .queryFailed(sqlState: nil), endpoint: "\(host):\(port)", message: "no row")
        }
    }

    /// Promotes a standby (`SELECT pg_promote(true, 30)`: waits until it accepts writes).
    public static func promote(host: String = "127.0.0.1", port: Int, logger: Logger) async throws {
        let promoted = try await run(host: host, port: port, timeout: .seconds(35), logger: logger) { connection in
            let rows = try await connection.query("SELECT pg_promote(true, 30)", logger: logger)
            for try await done in rows.decode(Bool.self) { return done }
            return false
        }
        guard promoted else {
            throw PostgresStoreError(
                code: .timeout, endpoint: "\(host):\(port)", message: "PostgreSQL at \(host):\(port) was not promoted within 30 s")
        }
    }

    /// Turns synchronous replication on (`synchronous_standby_names = '*'`: every
    /// commit waits until a standby has flushed it) or off, and reloads.
    public static func setSynchronous(_ on: Bool, host: String = "127.0.0.1", port: Int, logger: Logger) async throws {
        try await run(host: host, port: port, timeout: .seconds(5), logger: logger) { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "ALTER SYSTEM SET synchronous_standby_names = '\(on ? "*" : "")'"), logger: logger)
            try await connection.query("SELECT pg_reload_conf()", logger: logger)
        }
    }

    static func run<R: Sendable>(
        host: String, port: Int, timeout: Duration, logger: Logger,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> R
    ) async throws -> R {
        var configuration = PostgresConfiguration(host: host, port: port, username: "postgres", database: "postgres")
        configuration.connectTimeout = min(timeout, .seconds(1))
        let settings = try configuration.makeConnectionConfiguration()
        return try await withAbandoningDeadline(timeout) {
            let connection = try await PostgresConnection.connect(configuration: settings, id: 0, logger: logger)
            do {
                let result = try await body(connection)
                try? await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }
}
