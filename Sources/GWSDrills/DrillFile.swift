import GWSSpec

/// A drill, as its file describes it: what to hit, how, for how long, under
/// which load, and what must still hold (see `docs/failover.md` and
/// `examples/drills/`). Built by ``DrillFileLoader`` from YAML, validated.
public struct DrillFile: Sendable, Equatable {
    public var name: String
    /// What the drill expects to show ("killing one of two Workspace instances fails no request").
    public var hypothesis: String
    public var target: DrillTarget
    public var fault: DrillFault
    /// The fault window: the load runs and the cluster is watched for this long after the fault.
    public var duration: Double
    /// Seconds of load before the fault (the baseline).
    public var warmup: Double
    /// Seconds after the window to wait for every victim to recover.
    public var recoveryTimeout: Double
    public var load: LoadProfile
    public var steadyState: SteadyStateChecks
    public var abort: AbortConditions
    public var rollback: DrillRollback

    public init(
        name: String, hypothesis: String = "", target: DrillTarget, fault: DrillFault, duration: Double,
        warmup: Double = 2, recoveryTimeout: Double = 30, load: LoadProfile = LoadProfile(),
        steadyState: SteadyStateChecks = SteadyStateChecks(), abort: AbortConditions = AbortConditions(),
        rollback: DrillRollback = DrillRollback()
    ) {
        self.name = name
        self.hypothesis = hypothesis
        self.target = target
        self.fault = fault
        self.duration = duration
        self.warmup = warmup
        self.recoveryTimeout = recoveryTimeout
        self.load = load
        self.steadyState = steadyState
        self.abort = abort
        self.rollback = rollback
    }
}
