/// How a reconcile ended, as controller-runtime labels `result`.
public enum ReconcileOutcome: String, Sendable {
    case success
    case error
    case requeue
    case requeueAfter = "requeue_after"
}

/// What the controller reports for metrics. The executable implements it
/// with swift-prometheus (controller-runtime's names); tests count calls.
public protocol ControllerMetrics: Sendable {
    func reconciled(_ outcome: ReconcileOutcome, duration: Duration)
    func workqueueDepth(_ depth: Int)
    func workqueueAdded()
    func leaderStatus(_ leading: Bool)
    /// One API request: method (`GET`… or `WATCH`) and HTTP status (0: no response).
    func apiRequest(method: String, code: Int)
    /// One informer delta: `added`, `updated`, `deleted`, `deleted_final_state_unknown`.
    func informerDelta(resource: String, type: String)
    func informerRelisted(resource: String)
    /// A status subresource write, and a Kubernetes Event recorded.
    func statusWritten()
    func eventRecorded(type: String, reason: String)
}

/// Metrics that go nowhere.
public struct NoControllerMetrics: ControllerMetrics {
    public init() {}
    public func reconciled(_ outcome: ReconcileOutcome, duration: Duration) {}
    public func workqueueDepth(_ depth: Int) {}
    public func workqueueAdded() {}
    public func leaderStatus(_ leading: Bool) {}
    public func apiRequest(method: String, code: Int) {}
    public func informerDelta(resource: String, type: String) {}
    public func informerRelisted(resource: String) {}
    public func statusWritten() {}
    public func eventRecorded(type: String, reason: String) {}
}
