/// One line of a drill's timeline.
public struct TimelineEvent: Sendable, Equatable, Codable {
    /// What happened (see ``DrillEvent``).
    public var event: String
    /// ISO-8601 timestamp (UTC, milliseconds).
    public var at: String
    /// Seconds after the fault was injected (negative before).
    public var t: Double
    /// Who saw it: `drill`, `operator`, `discovery`, `proxy`, `load`.
    public var component: String
    public var instance: String?
    public var detail: String?

    public init(event: String, at: String, t: Double, component: String, instance: String? = nil, detail: String? = nil) {
        self.event = event
        self.at = at
        self.t = t
        self.component = component
        self.instance = instance
        self.detail = detail
    }
}

/// The events a timeline holds.
public enum DrillEvent {
    public static let loadStarted = "load started"
    public static let faultInjected = "fault injected"
    /// The operator's status shows the victim down, not ready or replaced (or the operator stopped answering).
    public static let detected = "detected"
    /// Discovery stopped listing the victim as passing.
    public static let outOfRotation = "out of rotation"
    /// The proxy ejected an instance of the victim's service after a failed connection.
    public static let ejectedByProxy = "ejected by proxy"
    /// A new process runs under the victim's id (or a new operator answers).
    public static let replaced = "replaced"
    /// The victim's id is ready again (the operator acts again).
    /// Another instance of a replicated store became its primary.
    public static let promoted = "promoted"
    public static let recovered = "recovered"
    public static let backInRotation = "back in rotation"
    public static let faultEnded = "fault ended"
    public static let rolloutComplete = "rollout complete"
    public static let operatorStarted = "operator started by the drill"
    public static let aborted = "aborted"
    public static let firstFailedRequest = "first failed request"
    public static let lastFailedRequest = "last failed request"
    public static let loadStopped = "load stopped"
}

/// An event before it is stamped: what, who, which instance, when (drill seconds).
struct Observation: Sendable, Equatable {
    var event: String
    var component: String
    var instance: String?
    var detail: String?
    var time: Double
}
