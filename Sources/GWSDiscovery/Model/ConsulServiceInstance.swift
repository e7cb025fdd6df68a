/// One instance of a service as discovery answers it: where to connect and how it is labelled.
public struct ConsulServiceInstance: Sendable, Hashable, Codable {
    /// The instance id (Consul's service `ID`).
    public let id: String
    /// The service name.
    public let name: String
    /// The address to connect to (the node's address when the service registered none).
    public let address: String
    /// The port to connect to.
    public let port: Int
    /// The instance's tags.
    public let tags: [String]
    /// The instance's metadata.
    public let meta: [String: String]

    /// Creates an instance description.
    public init(id: String, name: String, address: String, port: Int, tags: [String] = [], meta: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.address = address
        self.port = port
        self.tags = tags
        self.meta = meta
    }

    private enum CodingKeys: String, CodingKey {
        case id = "ID"
        case name = "Name"
        case address = "Address"
        case port = "Port"
        case tags = "Tags"
        case meta = "Meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        address = try container.decodeIfPresent(String.self, forKey: .address) ?? ""
        port = try container.decodeIfPresent(Int.self, forKey: .port) ?? 0
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        meta = try container.decodeIfPresent([String: String].self, forKey: .meta) ?? [:]
    }
}

/// The answer to a Consul read: the value and the `X-Consul-Index` to pass to the next blocking query.
public struct ConsulQueryResult<T: Sendable>: Sendable {
    /// The data read.
    public let value: T
    /// The `X-Consul-Index` the answer carried.
    public let index: UInt64

    /// Creates a result.
    public init(value: T, index: UInt64) {
        self.value = value
        self.index = index
    }
}
