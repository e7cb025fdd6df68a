import GWSSpec

/// A port an instance needs. `port` 0 means "allocate any free port".
public struct PortRequest: Sendable, Hashable, Codable {
    /// `http` (the primary port) or `https`.
    public var name: String
    /// The environment variable that tells the service the port.
    public var environmentKey: String
    public var port: Int

    public init(name: String, environmentKey: String, port: Int) {
        self.name = name
        self.environmentKey = environmentKey
        self.port = port
    }
}

/// One instance the spec asks for.
public struct InstanceSpec: Sendable, Hashable, Codable {
    /// Unique in the deployment: `<role>-<ordinal>` (`workspace-0`).
    public var id: String
    public var role: String
    /// Helm key (`gwsAppWorkspace`).
    public var key: String
    public var serviceName: String
    public var ordinal: Int
    /// The first one is the primary HTTP port.
    public var ports: [PortRequest]
    /// Environment for the process, without the ports (the driver adds those once allocated).
    public var environment: [String: String]
    public var probes: ResolvedProbes
    public var terminationGracePeriodSeconds: Int
    /// Changes whenever something that needs a new process changes (ports, environment).
    public var configHash: String

    public init(
        id: String, role: String, key: String, serviceName: String, ordinal: Int, ports: [PortRequest],
        environment: [String: String], probes: ResolvedProbes, terminationGracePeriodSeconds: Int
    ) {
        self.id = id
        self.role = role
        self.key = key
        self.serviceName = serviceName
        self.ordinal = ordinal
        self.ports = ports
        self.environment = environment
        self.probes = probes
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.configHash = Self.hash(role: role, ports: ports, environment: environment)
    }

    /// FNV-1a over a canonical rendering: stable across runs and processes.
    static func hash(role: String, ports: [PortRequest], environment: [String: String]) -> String {
        var text = "role=\(role)\n"
        for p in ports { text += "port.\(p.name)=\(p.port)\n" }
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { text += "env.\(k)=\(v)\n" }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Everything the spec asks for, by instance id.
public struct DesiredState: Sendable, Equatable {
    public var deploymentName: String
    public var instances: [String: InstanceSpec]

    public init(deploymentName: String, instances: [InstanceSpec]) {
        self.deploymentName = deploymentName
        self.instances = Dictionary(uniqueKeysWithValues: instances.map { ($0.id, $0) })
    }

    /// Instances in start order: by role in catalogue order (the proxy last), then ordinal.
    public var ordered: [InstanceSpec] {
        let order = Dictionary(uniqueKeysWithValues: RoleCatalog.all.enumerated().map { ($1.role, $0) })
        return instances.values.sorted {
            let a = order[$0.role] ?? Int.max
            let b = order[$1.role] ?? Int.max
            return a != b ? a < b : $0.ordinal < $1.ordinal
        }
    }
}
