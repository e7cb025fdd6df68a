/// The backing stores GWS binds to. In local mode, a store whose spec section
/// has no `address` is run by the operator as a supervised instance.
public enum StoreKind: String, Sendable, Hashable, Codable, CaseIterable {
    case postgres
    case redis
    case elasticsearch

    /// The spec section (`postgres`, `redis`, `elasticSearch`).
    public var specKey: String {
        switch self {
        case .postgres: "postgres"
        case .redis: "redis"
        case .elasticsearch: "elasticSearch"
        }
    }

    /// The instance id when the operator runs it (`postgres-0`).
    public var instanceID: String { "\(rawValue)-0" }

    /// The roles of the processes the operator runs for it, in start order
    /// (Redis HA adds `redis-sentinel` after the data nodes).
    public var processRoles: [String] {
        self == .redis ? [rawValue, "redis-sentinel"] : [rawValue]
    }

    /// The conventional port of the real thing.
    public var defaultPort: Int {
        switch self {
        case .postgres: 5432
        case .redis: 6379
        case .elasticsearch: 9200
        }
    }
}

extension RoleDescriptor {
    /// The stores each role uses (GWS-REFERENCE's table).
    public var stores: [StoreKind] {
        switch role {
        case "workspace", "voice", "ixn": [.redis]
        case "datacollector", "statistics": [.redis, .elasticsearch]
        case "setting", "configuration": [.postgres]
        case "provisioning": [.postgres]
        case "auth": [.postgres, .redis]
        default: []
        }
    }

    /// The PostgreSQL database a role uses (`prov` for provisioning, else `gws`).
    public var postgresDatabase: String { role == "provisioning" ? "prov" : "gws" }
}

/// Where a secret comes from: a file, or an environment variable of the
/// operator. Values are never written in a spec.
public struct SecretReference: Codable, Sendable, Equatable, Hashable {
    public var file: String
    public var env: String

    public init(file: String = "", env: String = "") {
        self.file = file
        self.env = env
    }

    enum CodingKeys: String, CodingKey { case file, env }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file, default: "")
        env = try c.decode(String.self, forKey: .env, default: "")
    }

    public var isEmpty: Bool { file.isEmpty && env.isEmpty }
}
