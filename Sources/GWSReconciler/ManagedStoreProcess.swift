/// One more process of a store the operator runs (Redis HA: `redis-1`,
/// `redis-sentinel-0`…), planned as an instance of its own.
public struct ManagedStoreProcess: Sendable, Equatable {
    /// `<role>-<ordinal>`.
    public var instanceID: String
    /// `redis` for a replica, `redis-sentinel` for a Sentinel (status, start order).
    public var role: String
    public var ordinal: Int
    /// Its fixed port (allocated before planning).
    public var port: Int
    public var command: ProcessCommand
    public var probeMode: ProbeMode

    public init(role: String, ordinal: Int, port: Int, command: ProcessCommand, probeMode: ProbeMode = .tcp) {
        self.instanceID = "\(role)-\(ordinal)"
        self.role = role
        self.ordinal = ordinal
        self.port = port
        self.command = command
        self.probeMode = probeMode
    }
}
