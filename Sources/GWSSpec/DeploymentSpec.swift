/// The typed `spec` of a `GWSDeployment`, in the layout of Genesys's
/// gws-services Helm values plus gws-operator's own sections
/// (`externals`, `probes`, `local`).
///
/// Values arrive as a layered, validated ``Value`` tree and are decoded into
/// this type; every field has a default so partial trees decode.
public struct DeploymentSpec: Codable, Sendable, Equatable {
    public var deploymentGlobals: DeploymentGlobals
    /// Keyed by Helm key (`gwsAppWorkspace`).
    public var gwsServices: [String: ServiceSpec]
    /// Stand-ins for external systems, keyed by role (`auth`, `tenant`).
    public var externals: [String: ExternalServiceSpec]
    public var postgres: StoreBinding?
    public var redis: StoreBinding?
    public var elasticSearch: StoreBinding?
    public var consul: ConsulBinding
    /// Default probes for every service; a service's own `probes` override them field by field.
    public var probes: ProbeSet
    public var local: LocalSettings

    public init(
        deploymentGlobals: DeploymentGlobals = .init(), gwsServices: [String: ServiceSpec] = [:],
        externals: [String: ExternalServiceSpec] = [:], postgres: StoreBinding? = nil, redis: StoreBinding? = nil,
        elasticSearch: StoreBinding? = nil, consul: ConsulBinding = .init(), probes: ProbeSet = .localDefaults,
        local: LocalSettings = .init()
    ) {
        self.deploymentGlobals = deploymentGlobals
        self.gwsServices = gwsServices
        self.externals = externals
        self.postgres = postgres
        self.redis = redis
        self.elasticSearch = elasticSearch
        self.consul = consul
        self.probes = probes
        self.local = local
    }

    enum CodingKeys: String, CodingKey {
        case deploymentGlobals, gwsServices, externals, postgres, redis, elasticSearch, consul, probes, local
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deploymentGlobals = try c.decode(DeploymentGlobals.self, forKey: .deploymentGlobals, default: .init())
        gwsServices = try c.decode([String: ServiceSpec].self, forKey: .gwsServices, default: [:])
        externals = try c.decode([String: ExternalServiceSpec].self, forKey: .externals, default: [:])
        postgres = try c.decodeIfPresent(StoreBinding.self, forKey: .postgres)
        redis = try c.decodeIfPresent(StoreBinding.self, forKey: .redis)
        elasticSearch = try c.decodeIfPresent(StoreBinding.self, forKey: .elasticSearch)
        consul = try c.decode(ConsulBinding.self, forKey: .consul, default: .init())
        probes = try c.decode(ProbeSet.self, forKey: .probes, default: .localDefaults)
        local = try c.decode(LocalSettings.self, forKey: .local, default: .init())
    }
}

/// `deploymentGlobals`.
public struct DeploymentGlobals: Codable, Sendable, Equatable {
    public var deploymentTag: String
    public var location: String

    public init(deploymentTag: String = "blue", location: String = "/USW1") {
        self.deploymentTag = deploymentTag
        self.location = location
    }

    enum CodingKeys: String, CodingKey { case deploymentTag, location }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deploymentTag = try c.decode(String.self, forKey: .deploymentTag, default: "blue")
        location = try c.decode(String.self, forKey: .location, default: "/USW1")
    }
}

/// A binding to a backing store (`postgres`, `redis`, `elasticSearch`).
/// An empty `address` means: in local mode the operator runs the store itself.
public struct StoreBinding: Codable, Sendable, Equatable {
    public var address: String
    public var port: Int
    public var db: String
    public var enableTls: Bool
    /// User name (PostgreSQL, Elasticsearch basic auth, Redis ACL user).
    public var user: String
    /// Where the password comes from; never inline.
    public var passwordFrom: SecretReference
    /// Redis only: the master/replica/Sentinel topology (`redis.sentinel`).
    public var sentinel: RedisSentinelSpec?
    /// PostgreSQL only: the primary/standby pair (`postgres.ha`).
    public var ha: PostgresHASpec?

    public init(
        address: String = "", port: Int = 0, db: String = "", enableTls: Bool = false, user: String = "",
        passwordFrom: SecretReference = .init(), sentinel: RedisSentinelSpec? = nil, ha: PostgresHASpec? = nil
    ) {
        self.address = address
        self.port = port
        self.db = db
        self.enableTls = enableTls
        self.user = user
        self.passwordFrom = passwordFrom
        self.sentinel = sentinel
        self.ha = ha
    }

    enum CodingKeys: String, CodingKey { case address, port, db, enableTls, user, passwordFrom, sentinel, ha }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        address = try c.decode(String.self, forKey: .address, default: "")
        port = try c.decode(Int.self, forKey: .port, default: 0)
        db = try c.decode(String.self, forKey: .db, default: "")
        enableTls = try c.decode(Bool.self, forKey: .enableTls, default: false)
        user = try c.decode(String.self, forKey: .user, default: "")
        passwordFrom = try c.decode(SecretReference.self, forKey: .passwordFrom, default: .init())
        sentinel = try c.decodeIfPresent(RedisSentinelSpec.self, forKey: .sentinel)
        ha = try c.decodeIfPresent(PostgresHASpec.self, forKey: .ha)
    }

    /// Whether the operator runs this store itself (local mode, no address).
    public var isOperatorManaged: Bool { address.isEmpty }

    /// The Sentinel topology, when `sentinel.enabled`.
    public var enabledSentinel: RedisSentinelSpec? { sentinel.flatMap { $0.enabled ? $0 : nil } }

    /// The primary/standby pair, when `ha.enabled`.
    public var enabledHA: PostgresHASpec? { ha.flatMap { $0.enabled ? $0 : nil } }
}

/// `consul`: an empty `address` means the operator's embedded registry,
/// served on `port` (0: any free port, kept across restarts).
public struct ConsulBinding: Codable, Sendable, Equatable {
    public var address: String
    public var port: Int
    public var kvPrefix: String
    public var enableTls: Bool

    public init(address: String = "", port: Int = 0, kvPrefix: String = "gws", enableTls: Bool = false) {
        self.address = address
        self.port = port
        self.kvPrefix = kvPrefix
        self.enableTls = enableTls
    }

    enum CodingKeys: String, CodingKey {
        case address, port, enableTls
        case kvPrefix = "kv_prefix"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        address = try c.decode(String.self, forKey: .address, default: "")
        port = try c.decode(Int.self, forKey: .port, default: 0)
        kvPrefix = try c.decode(String.self, forKey: .kvPrefix, default: "gws")
        enableTls = try c.decode(Bool.self, forKey: .enableTls, default: false)
    }

    /// The URL services use, or nil for the embedded registry.
    public var externalURL: String? {
        guard !address.isEmpty else { return nil }
        let scheme = enableTls ? "https" : "http"
        return "\(scheme)://\(address):\(port == 0 ? 8500 : port)"
    }
}

/// gws-operator's own `local` section: how local mode runs.
public struct LocalSettings: Codable, Sendable, Equatable {
    /// Address services bind to and register with.
    public var bindAddress: String
    /// Seconds a stopping instance gets between SIGTERM and SIGKILL.
    public var terminationGracePeriodSeconds: Int
    /// Restart backoff after repeated crashes: first restart at once, then
    /// `restartBackoffBaseSeconds` doubling up to `restartBackoffMaxSeconds`,
    /// reset after `stableRunSeconds` of clean running.
    public var restartBackoffBaseSeconds: Int
    public var restartBackoffMaxSeconds: Int
    public var stableRunSeconds: Int
    /// The tenant the operator seeds (an admin, an API client, six agents with
    /// DNs and places) into an operator-managed PostgreSQL, with the generated
    /// credentials in `<state-dir>/credentials.json`; empty: no demo tenant.
    public var demoTenant: String

    public init(
        bindAddress: String = "127.0.0.1", terminationGracePeriodSeconds: Int = 10,
        restartBackoffBaseSeconds: Int = 1, restartBackoffMaxSeconds: Int = 60, stableRunSeconds: Int = 30,
        demoTenant: String = "demo"
    ) {
        self.demoTenant = demoTenant
        self.bindAddress = bindAddress
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.restartBackoffBaseSeconds = restartBackoffBaseSeconds
        self.restartBackoffMaxSeconds = restartBackoffMaxSeconds
        self.stableRunSeconds = stableRunSeconds
    }

    enum CodingKeys: String, CodingKey {
        case bindAddress, terminationGracePeriodSeconds, restartBackoffBaseSeconds, restartBackoffMaxSeconds,
            stableRunSeconds, demoTenant
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = LocalSettings()
        bindAddress = try c.decode(String.self, forKey: .bindAddress, default: d.bindAddress)
        terminationGracePeriodSeconds = try c.decode(
            Int.self, forKey: .terminationGracePeriodSeconds, default: d.terminationGracePeriodSeconds)
        restartBackoffBaseSeconds = try c.decode(
            Int.self, forKey: .restartBackoffBaseSeconds, default: d.restartBackoffBaseSeconds)
        restartBackoffMaxSeconds = try c.decode(
            Int.self, forKey: .restartBackoffMaxSeconds, default: d.restartBackoffMaxSeconds)
        stableRunSeconds = try c.decode(Int.self, forKey: .stableRunSeconds, default: d.stableRunSeconds)
        demoTenant = try c.decode(String.self, forKey: .demoTenant, default: d.demoTenant)
    }
}

extension KeyedDecodingContainer {
    /// Decodes `key`, or returns `fallback` when it is absent or null.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key, default fallback: T) throws -> T {
        try decodeIfPresent(type, forKey: key) ?? fallback
    }
}
