import Logging
import NIOCore
import NIOPosix

/// What `ROLE` says a Redis server is.
public enum RedisReplicationRole: Sendable, Hashable, CustomStringConvertible {
    /// Accepts writes.
    case master
    /// Replicates `master` (nil when the reply did not name it).
    case replica(of: RedisServerAddress?)
    /// A Redis Sentinel.
    case sentinel

    /// `master`, `replica` or `sentinel`.
    public var description: String {
        switch self {
        case .master: "master"
        case .replica: "replica"
        case .sentinel: "sentinel"
        }
    }
}

/// One-shot questions to Sentinels and data nodes, each on its own short-lived
/// connection: used by ``RedisClient``'s resolver and by the operator.
public enum RedisSentinelQueries {
    /// `SENTINEL get-master-addr-by-name <masterName>` asked of the Sentinel at
    /// `sentinel`: the master it names, or nil when it monitors no such name.
    ///
    /// - Throws: ``RedisError`` when the Sentinel cannot be reached within `timeout`.
    public static func masterAddress(
        askingSentinel sentinel: RedisServerAddress, masterName: String, timeout: Duration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) async throws -> RedisServerAddress? {
        let configuration = RedisConfiguration(
            host: sentinel.host, port: sentinel.port, connectTimeout: timeout, commandTimeout: timeout)
        let connection = try await RedisConnection.connect(
            configuration: configuration, eventLoop: eventLoopGroup.any(), logger: logger)
        defer { connection.closeSoon() }
        let reply = try await connection.send(["SENTINEL", "get-master-addr-by-name", masterName])
        if reply.isNull { return nil }
        guard let items = reply.array, items.count == 2, let host = items[0].string, let port = items[1].int else {
            throw RedisError.unexpected(reply, for: "SENTINEL get-master-addr-by-name")
        }
        return RedisServerAddress(host: host, port: port)
    }

    /// `ROLE` of the server `configuration` points at (its password and
    /// database are used; its Sentinel part is ignored).
    ///
    /// - Throws: ``RedisError`` when it cannot be reached within `timeout`.
    public static func role(
        of configuration: RedisConfiguration, timeout: Duration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) async throws -> RedisReplicationRole {
        var configuration = configuration
        configuration.sentinel = nil
        configuration.connectTimeout = min(configuration.connectTimeout, timeout)
        let connection = try await RedisConnection.connect(
            configuration: configuration, eventLoop: eventLoopGroup.any(), logger: logger)
        defer { connection.closeSoon() }
        let reply = try await connection.send(["ROLE"], timeout: timeout)
        guard let items = reply.array, let name = items.first?.string else {
            throw RedisError.unexpected(reply, for: "ROLE")
        }
        switch name {
        case "master": return .master
        case "slave", "replica":
            guard items.count >= 3, let host = items[1].string, let port = items[2].int else { return .replica(of: nil) }
            return .replica(of: RedisServerAddress(host: host, port: port))
        case "sentinel": return .sentinel
        default: throw RedisError.unexpected(reply, for: "ROLE")
        }
    }
}
