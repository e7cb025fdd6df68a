/// Everything a drill run gathered, before it becomes a ``DrillReport``.
public struct DrillOutcome: Sendable {
    public var drill: DrillFile
    public var target: ResolvedTarget
    public var clock: DrillClock
    /// Drill seconds when the fault was injected (nil: it never was).
    public var faultAt: Double?
    var observations: [Observation]
    public var records: [LoadRecord]
    /// Nil when the load never ran.
    public var verification: LoadVerification?
    public var instancesKeptRunning: Bool?
    public var abortReason: String?
    public var notes: [String]

    init(
        drill: DrillFile, target: ResolvedTarget, clock: DrillClock, faultAt: Double?, observations: [Observation],
        records: [LoadRecord], verification: LoadVerification?, instancesKeptRunning: Bool? = nil,
        abortReason: String? = nil, notes: [String] = []
    ) {
        self.drill = drill
        self.target = target
        self.clock = clock
        self.faultAt = faultAt
        self.observations = observations
        self.records = records
        self.verification = verification
        self.instancesKeptRunning = instancesKeptRunning
        self.abortReason = abortReason
        self.notes = notes
    }
}
