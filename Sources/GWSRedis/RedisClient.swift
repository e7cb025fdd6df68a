import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// A Redis client backed by a bounded connection pool; safe to share
/// between tasks.
///
/// Usable as soon as it is made (connections open lazily). As a `Service`
/// in a `ServiceGroup`, ``run()`` waits for graceful shutdown and then closes
/// the pool. When the server goes away, requests in flight fail with
/// ``RedisError/Code/connectionClosed``; later requests reconnect (retrying
/// with backoff) and succeed once the server is back.
///
/// With Sentinels (``RedisConfiguration/sentinel``, a `redis-sentinel://`
/// URL) the client follows the master: requests wait while a failover is
/// under way (up to ``RedisSentinelConfiguration/failoverWait``), and a
/// request that failed because the master went away or turned into a replica
/// is sent once more to the new master when ``RedisRetryPolicy`` allows it.
public final class RedisClient: Service, Sendable {
    /// The configuration the client was made with.
    public let configuration: RedisConfiguration
    private let pool: RedisConnectionPool
    private let logger: Logger

    public init(
        configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.logger = logger
        self.pool = RedisConnectionPool(configuration: configuration, group: eventLoopGroup, logger: logger)
    }

    /// Runs until graceful shutdown (or cancellation), then closes the pool.
    public func run() async throws {
        try? await gracefulShutdown()
        logger.debug("closing Redis client", metadata: ["redis.address": "\(configuration.address)"])
        await pool.close()
    }

    /// Closes every connection; later requests fail with ``RedisError/Code/clientClosed``.
    public func close() async {
        await pool.close()
    }

    /// Sends any command; error replies throw ``RedisError`` (code ``RedisError/Code/server``).
    @discardableResult
    public func command(_ arguments: [String], timeout: Duration? = nil) async throws -> RESPValue {
        try await followingMaster([arguments.first ?? ""]) { try await $0.send(arguments, timeout: timeout) }
    }

    /// Sends any command made of text and raw-byte arguments.
    @discardableResult
    public func command(_ arguments: [RedisArgument], timeout: Duration? = nil) async throws -> RESPValue {
        let name: String
        switch arguments.first {
        case .string(let s)?: name = s
        case .bytes(let b)?: name = String(buffer: b)
        case nil: name = ""
        }
        return try await followingMaster([name]) { try await $0.send(arguments, timeout: timeout) }
    }

    /// Sends `commands` together on one connection; replies (error replies
    /// included, as ``RESPValue/error(_:)``) come back in order.
    public func pipeline(_ commands: [[String]], timeout: Duration? = nil) async throws -> [RESPValue] {
        try await followingMaster(commands.map { $0.first ?? "" }) { connection in
            let replies = try await connection.pipeline(commands, timeout: timeout)
            if pool.resolver != nil, let refused = replies.first(where: Self.isRefusedByReplica) {
                throw RedisError(.server, refused.description.dropFirst().description)  // READONLY: send again
            }
            return replies
        }
    }

    /// Whether Redis answers PING within `timeout` now: for readiness checks.
    /// Tries one connect (no retries) and never throws. With Sentinels, also
    /// true while a failover is under way (for at most
    /// ``RedisSentinelConfiguration/failoverWait``): requests wait for the new
    /// master then, so taking the service out of rotation would not help.
    public func isReachable(timeout: Duration = .milliseconds(500)) async -> Bool {
        if pool.resolver?.isFailingOver == true { return true }
        do {
            let connection = try await pool.lease(attempts: 1, connectTimeout: timeout)
            let reply: RESPValue
            do {
                reply = try await connection.send(["PING"], timeout: timeout)
            } catch {
                pool.resolver?.invalidate(connection.generation)
                pool.release(connection)
                throw error
            }
            pool.release(connection)
            return reply.string == "PONG"
        } catch {
            if pool.resolver?.isFailingOver == true {
                logger.debug("Redis master lost; the Sentinels are failing over", metadata: ["error": "\(error)"])
                return true
            }
            logger.debug("Redis not reachable", metadata: ["redis.address": "\(configuration.address)", "error": "\(error)"])
            return false
        }
    }

    /// The pool's current counts.
    public var statistics: RedisPoolStatistics { pool.statistics }

    /// Runs `body` on a connection; in Sentinel mode, a failure that says the
    /// master went away makes the resolver look again, and `body` runs once
    /// more on the new master when ``RedisRetryPolicy`` allows it for `commands`.
    private func followingMaster<T: Sendable>(
        _ commands: [String], _ body: (RedisConnection) async throws -> sending T
    ) async throws -> sending T {
        guard let resolver = pool.resolver else { return try await withConnection(body) }
        var generation: UInt64?
        do {
            return try await withConnection { connection in
                generation = connection.generation
                return try await body(connection)
            }
        } catch let error as RedisError {
            // No connection at all: getting one already waited for a master.
            guard let generation else { throw error }
            let failure = RedisRetryPolicy.classify(error)
            guard failure != .unrelated else { throw error }
            resolver.invalidate(generation)
            guard RedisRetryPolicy.mayRetry(commands: commands, after: failure) else {
                logger.debug(
                    "Redis master lost; not sending the request again",
                    metadata: ["redis.command": "\(commands.first ?? "")", "error": "\(error)"])
                throw error
            }
            logger.debug(
                "Redis master lost; sending the request again",
                metadata: ["redis.command": "\(commands.first ?? "")", "error": "\(error)"])
            // Wait for the master the Sentinels name now, so the lease skips connections to the old one.
            _ = try await resolver.master(maxWait: resolver.sentinel.failoverWait)
            return try await withConnection(body)
        }
    }

    private static func isRefusedByReplica(_ reply: RESPValue) -> Bool {
        guard case .error(let message) = reply else { return false }
        return message.hasPrefix("READONLY") || message.hasPrefix("MASTERDOWN")
    }

    /// Leases a connection for `body` and gives it back afterwards.
    public func withConnection<T: Sendable>(
        _ body: (RedisConnection) async throws -> sending T
    ) async throws -> sending T {
        let connection = try await pool.lease()
        do {
            let result = try await body(connection)
            pool.release(connection)
            return result
        } catch {
            pool.release(connection)
            throw error
        }
    }
}
