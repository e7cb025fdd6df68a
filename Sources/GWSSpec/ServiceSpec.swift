/// One entry of `gwsServices` (Genesys's Helm layout plus our `probes` and `tls`).
public struct ServiceSpec: Codable, Sendable, Equatable {
    public var enabled: Bool
    public var deployment: DeploymentSettings
    public var service: ServicePort
    public var context: ServiceContext
    public var resources: Resources?
    /// Overrides of the deployment-wide probes, field by field.
    public var probes: ProbeSet?
    /// HTTPS listener (the proxy only).
    public var tls: TLSSettings?
    /// Per-service PostgreSQL binding (`gwsAppProvisioning`).
    public var postgres: StoreBinding?

    public init(
        enabled: Bool = true, deployment: DeploymentSettings = .init(), service: ServicePort = .init(),
        context: ServiceContext = .init(), resources: Resources? = nil, probes: ProbeSet? = nil,
        tls: TLSSettings? = nil, postgres: StoreBinding? = nil
    ) {
        self.enabled = enabled
        self.deployment = deployment
        self.service = service
        self.context = context
        self.resources = resources
        self.probes = probes
        self.tls = tls
        self.postgres = postgres
    }

    enum CodingKeys: String, CodingKey { case enabled, deployment, service, context, resources, probes, tls, postgres }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decode(Bool.self, forKey: .enabled, default: true)
        deployment = try c.decode(DeploymentSettings.self, forKey: .deployment, default: .init())
        service = try c.decode(ServicePort.self, forKey: .service, default: .init())
        context = try c.decode(ServiceContext.self, forKey: .context, default: .init())
        resources = try c.decodeIfPresent(Resources.self, forKey: .resources)
        probes = try c.decodeIfPresent(ProbeSet.self, forKey: .probes)
        tls = try c.decodeIfPresent(TLSSettings.self, forKey: .tls)
        postgres = try c.decodeIfPresent(StoreBinding.self, forKey: .postgres)
    }
}

/// An entry of `externals`: a stand-in the operator runs, unless `url`
/// points at the real external system.
public struct ExternalServiceSpec: Codable, Sendable, Equatable {
    public var url: String
    public var enabled: Bool
    public var deployment: DeploymentSettings
    public var service: ServicePort
    public var context: ServiceContext
    public var probes: ProbeSet?

    public init(
        url: String = "", enabled: Bool = true, deployment: DeploymentSettings = .init(),
        service: ServicePort = .init(), context: ServiceContext = .init(), probes: ProbeSet? = nil
    ) {
        self.url = url
        self.enabled = enabled
        self.deployment = deployment
        self.service = service
        self.context = context
        self.probes = probes
    }

    enum CodingKeys: String, CodingKey { case url, enabled, deployment, service, context, probes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decode(String.self, forKey: .url, default: "")
        enabled = try c.decode(Bool.self, forKey: .enabled, default: true)
        deployment = try c.decode(DeploymentSettings.self, forKey: .deployment, default: .init())
        service = try c.decode(ServicePort.self, forKey: .service, default: .init())
        context = try c.decode(ServiceContext.self, forKey: .context, default: .init())
        probes = try c.decodeIfPresent(ProbeSet.self, forKey: .probes)
    }

    /// The same settings seen as a service the operator runs.
    public var asServiceSpec: ServiceSpec {
        ServiceSpec(
            enabled: enabled && url.isEmpty, deployment: deployment, service: service, context: context,
            probes: probes)
    }
}

/// `deployment`.
public struct DeploymentSettings: Codable, Sendable, Equatable {
    public var replicaCount: Int
    public init(replicaCount: Int = 1) { self.replicaCount = replicaCount }
    enum CodingKeys: String, CodingKey { case replicaCount }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        replicaCount = try c.decode(Int.self, forKey: .replicaCount, default: 1)
    }
}

/// `service`: the port the service listens on. In local mode 0 means "any
/// free port" and instance *i* of a role with a fixed port gets `port + i`.
public struct ServicePort: Codable, Sendable, Equatable {
    public var port: Int
    public init(port: Int = 0) { self.port = port }
    enum CodingKeys: String, CodingKey { case port }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        port = try c.decode(Int.self, forKey: .port, default: 0)
    }
}

/// `context`: settings passed to the service as environment variables.
public struct ServiceContext: Codable, Sendable, Equatable {
    public var env: [String: String]
    public init(env: [String: String] = [:]) { self.env = env }
    enum CodingKeys: String, CodingKey { case env }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        env = try c.decode([String: String].self, forKey: .env, default: [:])
    }
}

/// `resources` (Kubernetes quantities, kept as strings).
public struct Resources: Codable, Sendable, Equatable {
    public var limits: [String: String]?
    public var requests: [String: String]?
    public init(limits: [String: String]? = nil, requests: [String: String]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// The proxy's HTTPS listener. With no certificate files the operator makes
/// a self-signed one in its state directory.
public struct TLSSettings: Codable, Sendable, Equatable {
    public var enabled: Bool
    public var port: Int
    public var certificateFile: String
    public var keyFile: String

    public init(enabled: Bool = false, port: Int = 0, certificateFile: String = "", keyFile: String = "") {
        self.enabled = enabled
        self.port = port
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    enum CodingKeys: String, CodingKey { case enabled, port, certificateFile, keyFile }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decode(Bool.self, forKey: .enabled, default: false)
        port = try c.decode(Int.self, forKey: .port, default: 0)
        certificateFile = try c.decode(String.self, forKey: .certificateFile, default: "")
        keyFile = try c.decode(String.self, forKey: .keyFile, default: "")
    }
}
