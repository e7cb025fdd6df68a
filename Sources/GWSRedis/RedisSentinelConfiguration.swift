/// A Redis server's address: `host:port`.
public struct RedisServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port` (`[::1]:port` for IPv6).
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// How to find the current Redis master through Redis Sentinel.
///
/// With this set on ``RedisConfiguration/sentinel``, the client never uses
/// ``RedisConfiguration/host`` and ``RedisConfiguration/port``: it asks a
/// Sentinel `SENTINEL get-master-addr-by-name <masterName>`, checks with
/// `ROLE` that the server it names is a master, and connects to it; it
/// follows `+switch-master` and connection errors to the next master (see
/// ``RedisRetryPolicy`` for which commands are sent again). The password of
/// ``RedisConfiguration`` is the master's and replicas'; Sentinels are asked
/// without one.
public struct RedisSentinelConfiguration: Sendable, Hashable {
    /// The conventional Sentinel port.
    public static let defaultPort = 26379

    /// The Sentinels, tried in turn (the one that answered last first).
    public var sentinels: [RedisServerAddress]
    /// The name the Sentinels monitor the master under (`sentinel monitor <name> …`).
    public var masterName: String
    /// How long a request waits for a master to be found (covers a failover:
    /// the Sentinels' `down-after-milliseconds` plus the election).
    public var failoverWait: Duration
    /// Limit for connecting to one Sentinel and for its answer.
    public var queryTimeout: Duration

    public init(
        sentinels: [RedisServerAddress], masterName: String, failoverWait: Duration = .seconds(15),
        queryTimeout: Duration = .milliseconds(500)
    ) {
        self.sentinels = sentinels
        self.masterName = masterName
        self.failoverWait = failoverWait
        self.queryTimeout = queryTimeout
    }
}
