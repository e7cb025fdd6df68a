/// `gwsctl rollout restart <role>`: every instance of `role` whose process
/// started before `requestedAt` is replaced, one at a time.
///
/// The analogue of Kubernetes' `kubectl.kubernetes.io/restartedAt` annotation:
/// a restart generation per role, compared with each process's start time.
public struct RolloutRequest: Sendable, Equatable {
    public var role: String
    /// When the restart was asked for, on the operator's clock.
    public var requestedAt: Duration
    /// For a single-replica role: the extra instance that serves while the
    /// only one restarts (``DesiredStatePlanner/surgeInstance(role:spec:context:)``).
    public var surge: InstanceSpec?

    public init(role: String, requestedAt: Duration, surge: InstanceSpec? = nil) {
        self.role = role
        self.requestedAt = requestedAt
        self.surge = surge
    }
}

/// Where a role's rollout stands (`gwsctl rollout status <role>`).
public struct RolloutProgress: Sendable, Equatable, Codable {
    /// `Progressing`, `Waiting` (for an instance that is not ready) or `Complete`.
    public var state: String
    public var role: String
    public var replicas: Int
    /// Instances whose process started after the request.
    public var updated: Int
    /// Updated instances that are ready and in rotation.
    public var available: Int
    /// The instance being replaced or waited for, if any.
    public var current: String?
    public var message: String
    /// Seconds since the rollout was asked for.
    public var ageSeconds: Double

    public var complete: Bool { state == Self.complete }

    public static let progressing = "Progressing"
    public static let waiting = "Waiting"
    public static let complete = "Complete"

    public init(
        state: String, role: String, replicas: Int, updated: Int, available: Int, current: String?, message: String,
        ageSeconds: Double
    ) {
        self.state = state
        self.role = role
        self.replicas = replicas
        self.updated = updated
        self.available = available
        self.current = current
        self.message = message
        self.ageSeconds = ageSeconds
    }
}
