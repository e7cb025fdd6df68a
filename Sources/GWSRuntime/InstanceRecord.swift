/// What the operator writes down about a process it started, so that after
/// its own restart it can adopt the process instead of starting a duplicate.
public struct InstanceRecord: Codable, Sendable, Equatable {
    public var id: String
    public var role: String
    public var configHash: String
    public var pid: Int32
    /// `/proc/<pid>/stat` field 22 at spawn time.
    public var startTime: UInt64
    public var ports: [String: Int]
    public var logFile: String
    /// Seconds since 1970 when it was started.
    public var startedAtEpoch: Double
    public var restarts: Int

    public init(
        id: String, role: String, configHash: String, pid: Int32, startTime: UInt64, ports: [String: Int],
        logFile: String, startedAtEpoch: Double, restarts: Int
    ) {
        self.id = id
        self.role = role
        self.configHash = configHash
        self.pid = pid
        self.startTime = startTime
        self.ports = ports
        self.logFile = logFile
        self.startedAtEpoch = startedAtEpoch
        self.restarts = restarts
    }
}
