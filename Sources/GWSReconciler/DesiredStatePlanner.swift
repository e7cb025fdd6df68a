import GWSSpec

/// What the planner needs to know about where it runs.
public struct PlanContext: Sendable, Equatable {
    public var deploymentName: String
    /// The Consul URL services register with.
    public var consulURL: String
    /// Certificate and key for the proxy's HTTPS listener when the spec
    /// enables TLS without naming files.
    public var defaultTLSCertificate: String?
    public var defaultTLSKey: String?
    /// Stores the operator runs (local mode, no address in the spec).
    public var managedStores: [StoreKind: ManagedStore]
    /// Password files for external stores (materialised from secret references).
    public var secretFiles: [StoreKind: String]
    /// The token-signing key file every service gets (`GWS_AUTH_JWT_SECRET_FILE`).
    public var jwtSecretFile: String?

    public init(
        deploymentName: String, consulURL: String, defaultTLSCertificate: String? = nil, defaultTLSKey: String? = nil,
        managedStores: [StoreKind: ManagedStore] = [:], secretFiles: [StoreKind: String] = [:],
        jwtSecretFile: String? = nil
    ) {
        self.deploymentName = deploymentName
        self.consulURL = consulURL
        self.defaultTLSCertificate = defaultTLSCertificate
        self.defaultTLSKey = defaultTLSKey
        self.managedStores = managedStores
        self.secretFiles = secretFiles
        self.jwtSecretFile = jwtSecretFile
    }
}

/// Spec → desired instances. Pure.
public enum DesiredStatePlanner {
    public static func plan(_ spec: DeploymentSpec, context: PlanContext) -> DesiredState {
        var instances: [InstanceSpec] = []
        for kind in StoreKind.allCases {
            guard let store = context.managedStores[kind] else { continue }
            instances.append(storeInstance(store, spec: spec))
            instances += store.companions.map { companionInstance($0, of: store, spec: spec) }
        }
        for role in RoleCatalog.all {
            guard let service = serviceSpec(for: role, in: spec), service.enabled else { continue }
            for ordinal in 0..<max(0, service.deployment.replicaCount) {
                instances.append(instance(role: role, ordinal: ordinal, service: service, spec: spec, context: context))
            }
        }
        return DesiredState(deploymentName: context.deploymentName, instances: instances)
    }

    /// The settings of a role, whether under `gwsServices` or `externals`.
    public static func serviceSpec(for role: RoleDescriptor, in spec: DeploymentSpec) -> ServiceSpec? {
        role.isExternal ? spec.externals[role.key]?.asServiceSpec : spec.gwsServices[role.key]
    }

    static func instance(
        role: RoleDescriptor, ordinal: Int, service: ServiceSpec, spec: DeploymentSpec, context: PlanContext
    ) -> InstanceSpec {
        typealias K = ServiceEnvironmentKeys
        let id = "\(role.role)-\(ordinal)"
        var env: [String: String] = [
            K.role: role.role,
            K.instanceID: id,
            K.serviceName: role.serviceName,
            K.host: spec.local.bindAddress,
            K.consulURL: context.consulURL,
            K.location: spec.deploymentGlobals.location,
            K.deploymentTag: spec.deploymentGlobals.deploymentTag,
            K.deploymentName: context.deploymentName,
        ]
        if let auth = spec.externals["auth"], !auth.url.isEmpty { env[K.authURL] = auth.url }
        if let jwt = context.jwtSecretFile { env[K.jwtSecretFile] = jwt }
        for (k, v) in StoreWiring.environment(for: role, service: service, spec: spec, context: context) { env[k] = v }
        for (k, v) in service.context.env { env[k] = v }

        let isProxy = role.role == RoleCatalog.proxy.role
        // The proxy's instances share its public ports (clients know one address); each has its own probe port.
        var ports = [
            PortRequest(
                name: "http", environmentKey: K.port, port: isProxy ? service.service.port : fixedPort(service.service.port, ordinal),
                shared: isProxy)
        ]
        if isProxy {
            env[K.proxyRoutes] = proxyRoutesJSON()
            ports.append(PortRequest(name: "probe", environmentKey: K.probePort, port: 0))
            if let tls = service.tls, tls.enabled {
                ports.append(PortRequest(name: "https", environmentKey: K.proxyTLSPort, port: tls.port, shared: true))
                let cert = tls.certificateFile.isEmpty ? context.defaultTLSCertificate : tls.certificateFile
                let key = tls.keyFile.isEmpty ? context.defaultTLSKey : tls.keyFile
                if let cert, let key {
                    env[K.proxyTLSCertificate] = cert
                    env[K.proxyTLSKey] = key
                }
            }
        }
        let probes = (service.probes ?? ProbeSet()).resolved(over: spec.probes)
        return InstanceSpec(
            id: id, role: role.role, key: role.key, serviceName: role.serviceName, ordinal: ordinal, ports: ports,
            environment: env, probes: probes,
            terminationGracePeriodSeconds: spec.local.terminationGracePeriodSeconds)
    }

    static func fixedPort(_ port: Int, _ ordinal: Int) -> Int { port == 0 ? 0 : port + ordinal }

    /// A store the operator runs: its command, its fixed port (allocated before
    /// planning so services know it), TCP or HTTP probes with the spec's knobs.
    static func storeInstance(_ store: ManagedStore, spec: DeploymentSpec) -> InstanceSpec {
        var probes = ProbeSet().resolved(over: spec.probes)
        let path = "/"
        probes.startup.path = path
        probes.readiness.path = path
        probes.liveness.path = path
        return InstanceSpec(
            id: store.kind.instanceID, role: store.kind.rawValue, key: store.kind.specKey,
            serviceName: "gws-\(store.kind.rawValue)", ordinal: 0,
            ports: [PortRequest(name: "http", environmentKey: "GWS_STORE_PORT", port: store.port)], environment: [:],
            probes: probes, terminationGracePeriodSeconds: max(spec.local.terminationGracePeriodSeconds, 10),
            command: store.command, probeMode: store.probeMode, store: store.kind)
    }

    /// One more process of a store (a Redis replica or Sentinel), probed like the store.
    static func companionInstance(_ process: ManagedStoreProcess, of store: ManagedStore, spec: DeploymentSpec)
        -> InstanceSpec
    {
        let main = storeInstance(store, spec: spec)
        return InstanceSpec(
            id: process.instanceID, role: process.role, key: store.kind.specKey, serviceName: "gws-\(process.role)",
            ordinal: process.ordinal,
            ports: [PortRequest(name: "http", environmentKey: "GWS_STORE_PORT", port: process.port)], environment: [:],
            probes: main.probes, terminationGracePeriodSeconds: main.terminationGracePeriodSeconds,
            command: process.command, probeMode: process.probeMode, store: store.kind)
    }

    /// Every role's path prefixes → its Consul service name, as the proxy reads them.
    /// All catalogue roles are routed, so enabling a role never restarts the proxy.
    public static func proxyRoutesJSON() -> String {
        var items: [String] = []
        for role in RoleCatalog.all where role.role != RoleCatalog.proxy.role {
            for prefix in role.basePaths {
                items.append("{\"prefix\":\"\(prefix)\",\"service\":\"\(role.serviceName)\"}")
            }
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}
