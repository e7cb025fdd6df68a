/// `redis.sentinel`: Redis high availability in local mode. When enabled the
/// operator runs a master (`redis-0`), `replicas` replicas (`redis-1`…) and
/// `sentinels` Redis Sentinels (`redis-sentinel-0`…), and services reach the
/// master through the Sentinels (`redis-sentinel://…` URLs), following it
/// across failovers. Off by default.
public struct RedisSentinelSpec: Codable, Sendable, Equatable {
    /// Run the master/replica/Sentinel topology instead of one Redis.
    public var enabled: Bool
    /// Replicas of the master (Sentinel promotes one when the master is lost).
    public var replicas: Int
    /// Sentinels watching the master; a majority must agree before a failover.
    public var sentinels: Int
    /// The name the Sentinels monitor the master under.
    public var masterName: String
    /// The first Sentinel's port (Sentinel i listens on `port + i`); 0: any free ports.
    public var port: Int
    /// How long the master may stay silent before a Sentinel thinks it is down.
    public var downAfterMilliseconds: Int
    /// Sentinel's `failover-timeout`.
    public var failoverTimeoutMilliseconds: Int

    public init(
        enabled: Bool = false, replicas: Int = 1, sentinels: Int = 3, masterName: String = "gws", port: Int = 0,
        downAfterMilliseconds: Int = 1000, failoverTimeoutMilliseconds: Int = 3000
    ) {
        self.enabled = enabled
        self.replicas = replicas
        self.sentinels = sentinels
        self.masterName = masterName
        self.port = port
        self.downAfterMilliseconds = downAfterMilliseconds
        self.failoverTimeoutMilliseconds = failoverTimeoutMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case enabled, replicas, sentinels, masterName, port, downAfterMilliseconds, failoverTimeoutMilliseconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RedisSentinelSpec()
        enabled = try c.decode(Bool.self, forKey: .enabled, default: d.enabled)
        replicas = try c.decode(Int.self, forKey: .replicas, default: d.replicas)
        sentinels = try c.decode(Int.self, forKey: .sentinels, default: d.sentinels)
        masterName = try c.decode(String.self, forKey: .masterName, default: d.masterName)
        port = try c.decode(Int.self, forKey: .port, default: d.port)
        downAfterMilliseconds = try c.decode(Int.self, forKey: .downAfterMilliseconds, default: d.downAfterMilliseconds)
        failoverTimeoutMilliseconds = try c.decode(
            Int.self, forKey: .failoverTimeoutMilliseconds, default: d.failoverTimeoutMilliseconds)
    }

    /// Sentinels that must agree the master is down: a majority.
    public var quorum: Int { sentinels / 2 + 1 }
}
