/// The outcome of one health check.
public enum HealthCheckResult: Sendable, Equatable {
    /// The check passed.
    case ok
    /// The check passed, with a note shown in verbose output (`[+]indexer ok: leader`).
    case passed(String)
    /// The check failed, with a reason a human can act on.
    case failed(String)

    /// Whether the check passed.
    public var isOK: Bool {
        if case .failed = self { return false }
        return true
    }
}

/// Which question a probe asks (Kubernetes semantics).
public enum HealthProbe: String, Sendable, CaseIterable {
    /// Is the process wedged? Failing means "restart me". Never includes dependencies.
    case liveness = "livez"
    /// May it take traffic now? Failing takes it out of rotation. Includes dependencies.
    case readiness = "readyz"
}

/// A named check run on every probe.
public struct HealthCheck: Sendable {
    /// Short name shown in verbose output (`ping`, `consul`, `postgres`).
    public let name: String
    /// Runs the check.
    public let run: @Sendable () async -> HealthCheckResult

    public init(name: String, run: @escaping @Sendable () async -> HealthCheckResult) {
        self.name = name
        self.run = run
    }
}
