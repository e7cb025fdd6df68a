import GWSOperator
import GWSReconciler

/// What a drill saw of the cluster at one moment: the operator's status,
/// discovery's passing instances and the proxy's ejection counters.
public struct ClusterSnapshot: Sendable, Equatable {
    /// Drill seconds when it was taken.
    public var time: Double
    /// The operator's status; nil when it did not answer.
    public var status: OperatorStatus?
    /// Passing instance ids by Consul service; nil when discovery did not answer.
    public var passing: [String: Set<String>]?
    /// `gws_proxy_ejections_total` by service; nil when the proxy did not answer.
    public var ejections: [String: Double]?
    /// The rollout of the victims' role, for a rollout drill.
    public var rollout: RolloutProgress?

    public init(
        time: Double, status: OperatorStatus?, passing: [String: Set<String>]? = nil,
        ejections: [String: Double]? = nil, rollout: RolloutProgress? = nil
    ) {
        self.time = time
        self.status = status
        self.passing = passing
        self.ejections = ejections
        self.rollout = rollout
    }

    func row(_ id: String) -> InstanceStatus? { status?.instances.first { $0.instance == id } }
}
