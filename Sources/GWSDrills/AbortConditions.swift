/// When to stop a drill early: the fault is ended at once (SIGCONT, operator
/// started) and the report says why.
public struct AbortConditions: Sendable, Equatable {
    /// Failed share of the requests sent so far (checked once 20 were sent).
    public var maxFailedRequestsPercent: Double?
    public var maxConsecutiveFailures: Int?
    /// Refuse to inject unless every desired instance is ready.
    public var requireReadyCluster: Bool
    /// Refuse to inject when a request failed during the warm-up: the steady
    /// state did not hold before the fault, so the drill would measure something else.
    public var requireCleanWarmup: Bool

    public init(
        maxFailedRequestsPercent: Double? = nil, maxConsecutiveFailures: Int? = nil, requireReadyCluster: Bool = true,
        requireCleanWarmup: Bool = true
    ) {
        self.maxFailedRequestsPercent = maxFailedRequestsPercent
        self.maxConsecutiveFailures = maxConsecutiveFailures
        self.requireReadyCluster = requireReadyCluster
        self.requireCleanWarmup = requireCleanWarmup
    }
}
