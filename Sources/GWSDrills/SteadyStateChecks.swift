/// What must still hold; a nil limit is not checked.
public struct SteadyStateChecks: Sendable, Equatable {
    public var maxFailedRequestsPercent: Double?
    public var maxDetectionSeconds: Double?
    public var maxOutOfRotationSeconds: Double?
    public var maxRecoverySeconds: Double?
    public var noLostWrites: Bool
    public var sessionsStillValid: Bool

    public init(
        maxFailedRequestsPercent: Double? = nil, maxDetectionSeconds: Double? = nil,
        maxOutOfRotationSeconds: Double? = nil, maxRecoverySeconds: Double? = nil, noLostWrites: Bool = true,
        sessionsStillValid: Bool = true
    ) {
        self.maxFailedRequestsPercent = maxFailedRequestsPercent
        self.maxDetectionSeconds = maxDetectionSeconds
        self.maxOutOfRotationSeconds = maxOutOfRotationSeconds
        self.maxRecoverySeconds = maxRecoverySeconds
        self.noLostWrites = noLostWrites
        self.sessionsStillValid = sessionsStillValid
    }
}
