import GWSSpec

/// A backing store the operator runs in local mode, as the operator prepared it.
public struct ManagedStore: Sendable, Equatable {
    public var kind: StoreKind
    public var port: Int
    public var command: ProcessCommand
    /// HTTP stores (OpenSearch-compatible) are probed over HTTP, the others over TCP.
    public var probeMode: ProbeMode
    /// More processes of this store, each an instance of its own (Redis HA:
    /// the replicas and the Sentinels); the store's own process is `<kind>-0`.
    public var companions: [ManagedStoreProcess]
    /// The URL services get instead of the local one, without the database
    /// (Redis HA: `redis-sentinel://127.0.0.1:p1,…/<masterName>`).
    public var serviceURL: String?

    public init(
        kind: StoreKind, port: Int, command: ProcessCommand, probeMode: ProbeMode,
        companions: [ManagedStoreProcess] = [], serviceURL: String? = nil
    ) {
        self.kind = kind
        self.port = port
        self.command = command
        self.probeMode = probeMode
        self.companions = companions
        self.serviceURL = serviceURL
    }
}

/// How services reach their stores: URLs and password files in the
/// `GWS_POSTGRES_URL` / `GWS_REDIS_URL` / `GWS_ELASTICSEARCH_URL` convention.
enum StoreWiring {
    static func environment(
        for role: RoleDescriptor, service: ServiceSpec, spec: DeploymentSpec, context: PlanContext
    ) -> [String: String] {
        typealias K = ServiceEnvironmentKeys
        var env: [String: String] = [:]
        for kind in role.stores {
            let binding = binding(kind, role: role, service: service, spec: spec)
            let url: String?
            if binding.isOperatorManaged {
                url = context.managedStores[kind].map { store in
                    if kind == .postgres, !store.companions.isEmpty {  // PostgreSQL HA: every server, the writable one wanted
                        return postgresHAURL(ports: [store.port] + store.companions.map(\.port), role: role)
                    }
                    if let serviceURL = store.serviceURL { return "\(serviceURL)/\(binding.db.isEmpty ? "0" : binding.db)" }
                    return localURL(kind, port: store.port, role: role, binding: binding)
                }
            } else {
                url = externalURL(kind, binding: binding, role: role)
            }
            guard let url else { continue }
            switch kind {
            case .postgres:
                env[K.postgresURL] = url
                if let file = context.secretFiles[kind] { env[K.postgresPasswordFile] = file }
            case .redis:
                env[K.redisURL] = url
                if let file = context.secretFiles[kind] { env[K.redisPasswordFile] = file }
            case .elasticsearch:
                env[K.elasticsearchURL] = url
                if let file = context.secretFiles[kind] { env[K.elasticsearchPasswordFile] = file }
            }
        }
        return env
    }

    static func binding(_ kind: StoreKind, role: RoleDescriptor, service: ServiceSpec, spec: DeploymentSpec)
        -> StoreBinding
    {
        switch kind {
        case .postgres: service.postgres.flatMap { $0.address.isEmpty ? nil : $0 } ?? spec.postgres ?? StoreBinding()
        case .redis: spec.redis ?? StoreBinding()
        case .elasticsearch: spec.elasticSearch ?? StoreBinding()
        }
    }

    /// `postgres://postgres@127.0.0.1:<p0>,127.0.0.1:<p1>/<db>?target_session_attrs=read-write`.
    static func postgresHAURL(ports: [Int], role: RoleDescriptor) -> String {
        "postgres://postgres@" + ports.map { "127.0.0.1:\($0)" }.joined(separator: ",") + "/\(role.postgresDatabase)"
            + "?target_session_attrs=read-write"
    }

    static func localURL(_ kind: StoreKind, port: Int, role: RoleDescriptor, binding: StoreBinding) -> String {
        switch kind {
        case .postgres: "postgres://postgres@127.0.0.1:\(port)/\(role.postgresDatabase)"
        case .redis: "redis://127.0.0.1:\(port)/\(binding.db.isEmpty ? "0" : binding.db)"
        case .elasticsearch: "http://127.0.0.1:\(port)"
        }
    }

    static func externalURL(_ kind: StoreKind, binding: StoreBinding, role: RoleDescriptor) -> String {
        let port = binding.port == 0 ? kind.defaultPort : binding.port
        let user = binding.user.isEmpty ? "" : "\(binding.user)@"
        switch kind {
        case .postgres:
            let db = binding.db.isEmpty ? role.postgresDatabase : binding.db
            return "postgres://\(user)\(binding.address):\(port)/\(db)" + (binding.enableTls ? "?sslmode=require" : "")
        case .redis:
            return "\(binding.enableTls ? "rediss" : "redis")://\(user)\(binding.address):\(port)/\(binding.db.isEmpty ? "0" : binding.db)"
        case .elasticsearch:
            return "\(binding.enableTls ? "https" : "http")://\(binding.address):\(port)"
        }
    }
}
