/// Where an observed process is in its life.
public enum ObservedPhase: Sendable, Equatable, Codable {
    /// A process exists (it may not be ready).
    case running
    /// Asked to stop; waiting for it to exit.
    case stopping
    /// It exited on its own (crash or unexpected exit); `restartAt` is the
    /// earliest time the restart policy allows a new process.
    case exited(description: String, restartAt: Duration)
}

/// What the runtime and the probes report about one instance.
public struct ObservedInstance: Sendable, Equatable {
    public var id: String
    public var configHash: String
    public var pid: Int32?
    /// Allocated ports by name (`http`, `https`).
    public var ports: [String: Int]
    public var phase: ObservedPhase
    /// The startup probe has passed.
    public var started: Bool
    /// Readiness as the probes see it.
    public var ready: Bool
    /// The liveness probe crossed its failure threshold (a restart is due).
    public var livenessFailed: Bool
    /// The startup probe crossed its failure threshold.
    public var startupFailed: Bool
    /// Restarts so far (crashes and probe-triggered).
    public var restarts: Int
    /// Crashes in a row (reset after stable running).
    public var consecutiveCrashes: Int
    /// When the current process started, on the operator's clock.
    public var startedAt: Duration?

    public init(
        id: String, configHash: String, pid: Int32? = nil, ports: [String: Int] = [:], phase: ObservedPhase = .running,
        started: Bool = false, ready: Bool = false, livenessFailed: Bool = false, startupFailed: Bool = false,
        restarts: Int = 0, consecutiveCrashes: Int = 0, startedAt: Duration? = nil
    ) {
        self.id = id
        self.configHash = configHash
        self.pid = pid
        self.ports = ports
        self.phase = phase
        self.started = started
        self.ready = ready
        self.livenessFailed = livenessFailed
        self.startupFailed = startupFailed
        self.restarts = restarts
        self.consecutiveCrashes = consecutiveCrashes
        self.startedAt = startedAt
    }
}
