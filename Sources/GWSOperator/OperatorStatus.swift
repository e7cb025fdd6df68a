import GWSSpec

/// The operator's answer to `GET /admin/v1/status` and `gwsctl status -o json`.
public struct OperatorStatus: Codable, Sendable, Equatable {
    public var deployment: String
    /// `Running` when every desired instance is ready, else `Progressing` or `Degraded`.
    public var phase: String
    /// The proxy's HTTP URL (empty until the proxy has a port).
    public var proxy: String
    public var proxyHTTPS: String?
    /// The embedded (or external) Consul URL.
    public var consul: String
    public var stateDir: String
    public var operatorPID: Int32
    public var desiredInstances: Int
    public var readyInstances: Int
    public var instances: [InstanceStatus]
    /// `Ready`, `Progressing`, `Degraded`, Kubernetes style.
    public var conditions: [StatusCondition]

    public init(
        deployment: String, phase: String, proxy: String, proxyHTTPS: String?, consul: String, stateDir: String,
        operatorPID: Int32, desiredInstances: Int, readyInstances: Int, instances: [InstanceStatus],
        conditions: [StatusCondition] = []
    ) {
        self.deployment = deployment
        self.phase = phase
        self.proxy = proxy
        self.proxyHTTPS = proxyHTTPS
        self.consul = consul
        self.stateDir = stateDir
        self.operatorPID = operatorPID
        self.desiredInstances = desiredInstances
        self.readyInstances = readyInstances
        self.instances = instances
        self.conditions = conditions
    }
}

/// One row of `gwsctl status`.
public struct InstanceStatus: Codable, Sendable, Equatable {
    public var role: String
    public var instance: String
    public var pid: Int32?
    public var port: Int?
    public var ready: Bool
    public var restarts: Int
    /// `Running`, `Starting`, `Stopping`, `CrashLoopBackOff`, `Pending`.
    public var state: String
    /// Seconds since the current process started.
    public var ageSeconds: Double?
    public var lastExit: String?
    /// Redis HA (`redis.sentinel.enabled`): `master`, `replica` or `sentinel`,
    /// as the Redis processes say now; nil for every other instance (and a
    /// Redis node that does not answer).
    public var replication: String?

    enum CodingKeys: String, CodingKey {
        case role, instance, pid, port, ready, restarts, state, ageSeconds, lastExit, replication
    }

    /// Writes every key, `null` included, so scripts can rely on them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(role, forKey: .role)
        try c.encode(instance, forKey: .instance)
        try c.encode(pid, forKey: .pid)
        try c.encode(port, forKey: .port)
        try c.encode(ready, forKey: .ready)
        try c.encode(restarts, forKey: .restarts)
        try c.encode(state, forKey: .state)
        try c.encode(ageSeconds, forKey: .ageSeconds)
        try c.encode(lastExit, forKey: .lastExit)
        try c.encode(replication, forKey: .replication)
    }

    public init(
        role: String, instance: String, pid: Int32?, port: Int?, ready: Bool, restarts: Int, state: String,
        ageSeconds: Double?, lastExit: String?, replication: String? = nil
    ) {
        self.role = role
        self.instance = instance
        self.pid = pid
        self.port = port
        self.ready = ready
        self.restarts = restarts
        self.state = state
        self.ageSeconds = ageSeconds
        self.lastExit = lastExit
        self.replication = replication
    }
}

/// Where a running operator listens; written to `<state>/operator.json`.
public struct OperatorEndpoint: Codable, Sendable, Equatable {
    public var pid: Int32
    public var adminURL: String
    public var consulPort: Int
    public var startedAtEpoch: Double

    public init(pid: Int32, adminURL: String, consulPort: Int, startedAtEpoch: Double) {
        self.pid = pid
        self.adminURL = adminURL
        self.consulPort = consulPort
        self.startedAtEpoch = startedAtEpoch
    }
}
