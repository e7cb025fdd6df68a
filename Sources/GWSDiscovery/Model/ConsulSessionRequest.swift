/// The body of `PUT /v1/session/create`: what the client sends and the registry reads.
///
/// The registry reads it as Consul does: member names in any case (py-consul sends `ttl`, `lockdelay`),
/// `LockDelay` as a duration string or a number of nanoseconds, where a number or duration below 1000 ns
/// is taken as seconds (so `15` is 15 s). Absent members take Consul's defaults: the agent's node, lock
/// delay 15 s, behavior `release`, no TTL, the node check `serfHealth`.
public struct ConsulSessionRequest: Codable, Sendable, Equatable {
    public var name: String?
    public var node: String?
    public var lockDelay: Duration?
    /// `release` or `delete`; kept as text so that the registry can refuse other values as Consul does.
    public var behavior: String?
    /// Consul's duration text (`"10s"`); `nil`, `""` or `"0s"` for no TTL.
    public var ttl: String?
    public var nodeChecks: [String]?
    public var serviceChecks: [ConsulSession.ServiceCheck]?
    /// The deprecated form of ``nodeChecks``.
    public var checks: [String]?

    enum CodingKeys: String, CodingKey {
        case name = "Name", node = "Node", lockDelay = "LockDelay", behavior = "Behavior", ttl = "TTL"
        case nodeChecks = "NodeChecks", serviceChecks = "ServiceChecks", checks = "Checks"
    }

    /// Consul's default lock delay.
    public static let defaultLockDelay: Duration = .seconds(15)

    /// A create request; `nil` members take Consul's defaults.
    public init(
        name: String? = nil, ttl: Duration? = nil, lockDelay: Duration? = nil,
        behavior: ConsulSession.Behavior? = nil, node: String? = nil, nodeChecks: [String]? = nil,
        serviceChecks: [ConsulSession.ServiceCheck]? = nil
    ) {
        self.name = name
        self.ttl = ttl.map(ConsulDuration.format)
        self.lockDelay = lockDelay
        self.behavior = behavior?.rawValue
        self.node = node
        self.nodeChecks = nodeChecks
        self.serviceChecks = serviceChecks
    }

    public init(from decoder: any Decoder) throws {
        let lenient = try LenientKeyedDecoding(decoder)
        name = try lenient.decode(String.self, "Name")
        node = try lenient.decode(String.self, "Node")
        behavior = try lenient.decode(String.self, "Behavior")
        ttl = try lenient.decode(String.self, "TTL")
        nodeChecks = try lenient.decode([String].self, "NodeChecks")
        serviceChecks = try lenient.decode([ConsulSession.ServiceCheck].self, "ServiceChecks")
        checks = try lenient.decode([String].self, "Checks")
        if let text = try lenient.decodeDuration("LockDelay") {
            guard let delay = ConsulDuration.parse(text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [AnyCodingKey("LockDelay")], debugDescription: "time: invalid duration \"\(text)\""))
            }
            // Consul's lockDelayMinThreshold: small values are meant as seconds.
            lockDelay = ConsulDuration.nanoseconds(of: delay) < 1000 ? delay * 1_000_000_000 : delay
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(node, forKey: .node)
        try c.encodeIfPresent(lockDelay.map(ConsulDuration.format), forKey: .lockDelay)
        try c.encodeIfPresent(behavior, forKey: .behavior)
        try c.encodeIfPresent(ttl, forKey: .ttl)
        try c.encodeIfPresent(nodeChecks, forKey: .nodeChecks)
        try c.encodeIfPresent(serviceChecks, forKey: .serviceChecks)
        try c.encodeIfPresent(checks, forKey: .checks)
    }
}
