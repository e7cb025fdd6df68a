/// Why an instance is started.
public enum StartReason: String, Sendable, Equatable, Codable {
    case created
    case crashed
}

/// Why an instance is stopped or replaced.
public enum StopReason: String, Sendable, Equatable, Codable {
    /// No longer in the spec (scaled down or role removed).
    case removed
    /// Its ports or environment changed.
    case configChanged
    /// The liveness probe failed `failureThreshold` times in a row.
    case livenessFailed
    /// The startup probe never passed.
    case startupFailed
    /// A rolling restart asked for it (`gwsctl rollout restart`); drained first.
    case rolloutRestart
}

/// One step the runtime must take. The reconciler only decides; a driver executes.
public enum ReconcileAction: Sendable, Equatable {
    case start(InstanceSpec, reason: StartReason)
    case stop(id: String, reason: StopReason)
    /// Stop the current process, then start `InstanceSpec` under the same id.
    case replace(InstanceSpec, reason: StopReason)

    public var instanceID: String {
        switch self {
        case .start(let spec, _), .replace(let spec, _): spec.id
        case .stop(let id, _): id
        }
    }
}

/// The reconciler's answer: what to do now, and when to look again if
/// nothing else changes (nil: wait for a change).
public struct ReconcileResult: Sendable, Equatable {
    public var actions: [ReconcileAction]
    public var requeueAfter: Duration?

    public init(actions: [ReconcileAction], requeueAfter: Duration? = nil) {
        self.actions = actions
        self.requeueAfter = requeueAfter
    }
}
