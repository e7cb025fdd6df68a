import GWSSpec

/// A port an instance needs. `port` 0 means "allocate any free port".
public struct PortRequest: Sendable, Hashable, Codable {
    /// `http` (the primary port), `https` or `probe`.
    public var name: String
    /// The environment variable that tells the service the port.
    public var environmentKey: String
    public var port: Int
    /// Every instance of the role listens on the same port (`SO_REUSEPORT`:
    /// the proxy's public ports); an ephemeral one is allocated once and shared.
    public var shared: Bool

    public init(name: String, environmentKey: String, port: Int, shared: Bool = false) {
        self.name = name
        self.environmentKey = environmentKey
        self.port = port
        self.shared = shared
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        environmentKey = try c.decode(String.self, forKey: .environmentKey)
        port = try c.decode(Int.self, forKey: .port)
        shared = try c.decodeIfPresent(Bool.self, forKey: .shared) ?? false
    }
}

/// What to run when it is not `gws-service <role>` (a backing store).
public struct ProcessCommand: Sendable, Hashable, Codable {
    public var executable: String
    public var arguments: [String]
    /// The signal that asks it to stop (SIGTERM = 15; PostgreSQL's fast shutdown is SIGINT = 2).
    public var stopSignal: Int32

    public init(executable: String, arguments: [String], stopSignal: Int32 = 15) {
        self.executable = executable
        self.arguments = arguments
        self.stopSignal = stopSignal
    }
}

/// How an instance is probed.
public enum ProbeMode: String, Sendable, Hashable, Codable {
    /// `GET <path>`, 200–399 passes.
    case http
    /// A TCP connection to the primary port passes (stores that speak no HTTP).
    case tcp
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
    /// nil: `gws-service <role>`.
    public var command: ProcessCommand?
    public var probeMode: ProbeMode
    /// A backing store the operator runs (not a GWS service).
    public var store: StoreKind?
    /// Changes whenever something that needs a new process changes (ports, environment, command).
    public var configHash: String

    public init(
        id: String, role: String, key: String, serviceName: String, ordinal: Int, ports: [PortRequest],
        environment: [String: String], probes: ResolvedProbes, terminationGracePeriodSeconds: Int,
        command: ProcessCommand? = nil, probeMode: ProbeMode = .http, store: StoreKind? = nil
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
        self.command = command
        self.probeMode = probeMode
        self.store = store
        self.configHash = Self.hash(role: role, ports: ports, environment: environment, command: command)
    }

    /// FNV-1a over a canonical rendering: stable across runs and processes.
    static func hash(role: String, ports: [PortRequest], environment: [String: String], command: ProcessCommand?)
        -> String
    {
        var text = "role=\(role)\n"
        if let command { text += "command=\(([command.executable] + command.arguments).joined(separator: " "))\n" }
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

    /// Instances in start order: stores first, then roles in catalogue order (the proxy last), then ordinal.
    public var ordered: [InstanceSpec] {
        let roles = StoreKind.allCases.flatMap(\.processRoles) + RoleCatalog.all.map(\.role)
        let order = Dictionary(uniqueKeysWithValues: roles.enumerated().map { ($1, $0) })
        return instances.values.sorted {
            let a = order[$0.role] ?? Int.max
            let b = order[$1.role] ?? Int.max
            return a != b ? a < b : $0.ordinal < $1.ordinal
        }
    }
}
