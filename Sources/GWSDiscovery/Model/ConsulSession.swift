/// A Consul session as `/v1/session/info`, `/list` and `/renew` answer it.
///
/// A session holds locks on KV keys (`PUT /v1/kv/<key>?acquire=<id>`). When it is invalidated (TTL run
/// out, destroyed), its locks are released or their keys deleted, as ``behavior`` says, and no other
/// session may acquire those keys for ``lockDelay``.
public struct ConsulSession: Codable, Sendable, Equatable {
    /// What happens to a session's locks when it is invalidated.
    public enum Behavior: String, Codable, Sendable {
        /// The keys stay, without a lock holder (Consul's default).
        case release
        /// The keys are deleted (ephemeral entries).
        case delete
    }

    /// A service check a session is tied to.
    public struct ServiceCheck: Codable, Sendable, Hashable {
        public var id: String
        public var namespace: String

        enum CodingKeys: String, CodingKey {
            case id = "ID", namespace = "Namespace"
        }

        /// Creates a reference to the service check `id`.
        public init(id: String, namespace: String = "") {
            self.id = id
            self.namespace = namespace
        }

        public init(from decoder: any Decoder) throws {
            let lenient = try LenientKeyedDecoding(decoder)
            id = try lenient.decode(String.self, "ID") ?? ""
            namespace = try lenient.decode(String.self, "Namespace") ?? ""
        }
    }

    /// The session's UUID.
    public var id: String
    public var name: String
    /// The node the session belongs to.
    public var node: String
    /// How long the keys it held stay unacquirable after it is invalidated.
    public var lockDelay: Duration
    public var behavior: Behavior
    /// The TTL as given at creation (`"10s"`), or `""` for a session without one.
    public var ttl: String
    public var nodeChecks: [String]
    public var serviceChecks: [ServiceCheck]
    public var createIndex: UInt64
    public var modifyIndex: UInt64

    enum CodingKeys: String, CodingKey {
        case id = "ID", name = "Name", node = "Node", lockDelay = "LockDelay", behavior = "Behavior", ttl = "TTL"
        case nodeChecks = "NodeChecks", serviceChecks = "ServiceChecks"
        case createIndex = "CreateIndex", modifyIndex = "ModifyIndex"
    }

    /// Creates a session description.
    public init(
        id: String, name: String = "", node: String, lockDelay: Duration = .seconds(15),
        behavior: Behavior = .release, ttl: String = "", nodeChecks: [String] = ["serfHealth"],
        serviceChecks: [ServiceCheck] = [], createIndex: UInt64 = 0, modifyIndex: UInt64 = 0
    ) {
        self.id = id
        self.name = name
        self.node = node
        self.lockDelay = lockDelay
        self.behavior = behavior
        self.ttl = ttl
        self.nodeChecks = nodeChecks
        self.serviceChecks = serviceChecks
        self.createIndex = createIndex
        self.modifyIndex = modifyIndex
    }

    /// The TTL as a duration, or `nil` for a session without one.
    public var ttlDuration: Duration? {
        ConsulDuration.parse(ttl).flatMap { $0 > .zero ? $0 : nil }
    }

    public init(from decoder: any Decoder) throws {
        let lenient = try LenientKeyedDecoding(decoder)
        id = try lenient.decode(String.self, "ID") ?? ""
        name = try lenient.decode(String.self, "Name") ?? ""
        node = try lenient.decode(String.self, "Node") ?? ""
        let delay = try lenient.decodeDuration("LockDelay").flatMap(ConsulDuration.parse) ?? .zero
        lockDelay = delay
        behavior = try lenient.decode(Behavior.self, "Behavior") ?? .release
        ttl = try lenient.decode(String.self, "TTL") ?? ""
        nodeChecks = try lenient.decode([String].self, "NodeChecks") ?? []
        serviceChecks = try lenient.decode([ServiceCheck].self, "ServiceChecks") ?? []
        createIndex = try lenient.decode(UInt64.self, "CreateIndex") ?? 0
        modifyIndex = try lenient.decode(UInt64.self, "ModifyIndex") ?? 0
    }

    /// Encodes as Consul does: `LockDelay` in nanoseconds, empty check lists as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(node, forKey: .node)
        try c.encode(ConsulDuration.nanoseconds(of: lockDelay), forKey: .lockDelay)
        try c.encode(behavior, forKey: .behavior)
        try c.encode(ttl, forKey: .ttl)
        try c.encode(nodeChecks.isEmpty ? nil : nodeChecks, forKey: .nodeChecks)
        try c.encode(serviceChecks.isEmpty ? nil : serviceChecks, forKey: .serviceChecks)
        try c.encode(createIndex, forKey: .createIndex)
        try c.encode(modifyIndex, forKey: .modifyIndex)
    }
}
