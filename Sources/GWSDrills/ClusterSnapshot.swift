import GWSOperator
import GWSReconciler

/// What a drill saw of the cluster at one moment: the operator's status,
/// discovery's passing instances and the proxy's ejection counters.
public struct ClusterSnapshot: Sendable, Equatable {
    /// Drill seconds when it was complete: what it shows was true by then.
    public var time: Double
    /// Drill seconds when it was begun: what it shows may be that old.
    public var started: Double
    /// The operator's status; nil when it did not answer.
    public var status: OperatorStatus?
    /// Passing instance ids by Consul service; nil when discovery did not answer.
    public var passing: [String: Set<String>]?
    /// `gws_proxy_ejections_total` by service; nil when the proxy did not answer.
    public var ejections: [String: Double]?
    /// The rollout of the victims' role, for a rollout drill.
    public var rollout: RolloutProgress?

    public init(
        time: Double, started: Double? = nil, status: OperatorStatus?, passing: [String: Set<String>]? = nil,
        ejections: [String: Double]? = nil, rollout: RolloutProgress? = nil
    ) {
        self.time = time
        self.started = started ?? time
        self.status = status
        self.passing = passing
        self.ejections = ejections
        self.rollout = rollout
    }

    func row(_ id: String) -> InstanceStatus? { status?.instances.first { $0.instance == id } }
}
