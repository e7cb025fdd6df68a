/// A service instance as registered with `PUT /v1/agent/service/register`.
///
/// Encodes with Consul's key names (`"ID"`, `"Name"`, `"Tags"`, `"Address"`, `"Port"`, `"Meta"`, `"Checks"`);
/// decodes them case-insensitively and accepts a single `"Check"` as well as `"Checks"`, like Consul.
public struct ConsulServiceRegistration: Sendable, Codable, Hashable {
    /// The instance id, unique on the agent (`ID`); defaults to ``name``.
    public var id: String
    /// The service name clients look up (`Name`). Empty only when decoding a request that lacks it.
    public var name: String
    /// Tags clients can filter by (`Tags`).
    public var tags: [String]
    /// The address clients connect to (`Address`); empty means the node's address.
    public var address: String
    /// The port clients connect to (`Port`).
    public var port: Int
    /// Free-form metadata (`Meta`).
    public var meta: [String: String]
    /// The instance's health checks (`Checks`, or `Check`).
    public var checks: [ConsulCheckDefinition]

    /// Creates a registration; `id` defaults to `name`.
    public init(
        id: String? = nil,
        name: String,
        tags: [String] = [],
        address: String = "",
        port: Int = 0,
        meta: [String: String] = [:],
        checks: [ConsulCheckDefinition] = []
    ) {
        self.id = id ?? name
        self.name = name
        self.tags = tags
        self.address = address
        self.port = port
        self.meta = meta
        self.checks = checks
    }

    private enum CodingKeys: String, CodingKey {
        case id = "ID"
        case name = "Name"
        case tags = "Tags"
        case address = "Address"
        case port = "Port"
        case meta = "Meta"
        case checks = "Checks"
    }

    public init(from decoder: any Decoder) throws {
        let lenient = try LenientKeyedDecoding(decoder)
        name = try lenient.decode(String.self, "Name") ?? ""
        let id = try lenient.decode(String.self, "ID") ?? ""
        self.id = id.isEmpty ? name : id
        tags = try lenient.decode([String].self, "Tags") ?? []
        address = try lenient.decode(String.self, "Address") ?? ""
        port = try lenient.decode(Int.self, "Port") ?? 0
        meta = try lenient.decode([String: String].self, "Meta") ?? [:]
        var checks: [ConsulCheckDefinition] = []
        if let single = try lenient.decode(ConsulCheckDefinition.self, "Check") {
            checks.append(single)
        }
        checks += try lenient.decode([ConsulCheckDefinition].self, "Checks") ?? []
        self.checks = checks
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(tags, forKey: .tags)
        if !address.isEmpty { try container.encode(address, forKey: .address) }
        try container.encode(port, forKey: .port)
        try container.encode(meta, forKey: .meta)
        if !checks.isEmpty { try container.encode(checks, forKey: .checks) }
    }
}
