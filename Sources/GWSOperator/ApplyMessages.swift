import GWSSpec

/// `POST /admin/v1/apply`: values files and `--set` expressions, layered by
/// the operator exactly as `gwsctl` would (defaults < files < sets).
public struct ApplyRequest: Codable, Sendable, Equatable {
    public var files: [ValuesSource]
    public var set: [String]
    public var setString: [String]
    /// Helm's `--reuse-values`: layer on top of the values applied last.
    public var reuseValues: Bool
    /// Only compute the plan (`gwsctl plan`).
    public var dryRun: Bool

    public init(
        files: [ValuesSource] = [], set: [String] = [], setString: [String] = [], reuseValues: Bool = false,
        dryRun: Bool = false
    ) {
        self.files = files
        self.set = set
        self.setString = setString
        self.reuseValues = reuseValues
        self.dryRun = dryRun
    }
}

/// The answer: every validation error, or the plan (applied unless dry-run).
public struct ApplyResponse: Codable, Sendable, Equatable {
    public var applied: Bool
    public var errors: [String]
    /// Problems that do not stop an apply (an external store unreachable right now).
    public var warnings: [String]
    public var plan: [PlanStep]

    public init(applied: Bool, errors: [String], warnings: [String] = [], plan: [PlanStep]) {
        self.applied = applied
        self.errors = errors
        self.warnings = warnings
        self.plan = plan
    }
}

/// One line of a plan: `+ start workspace-1`, `- stop voice-0`, `~ replace proxy-0 (configChanged)`.
public struct PlanStep: Codable, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var instance: String
    public var reason: String

    public init(operation: String, instance: String, reason: String) {
        self.operation = operation
        self.instance = instance
        self.reason = reason
    }

    public var description: String {
        let sign = operation == "start" ? "+" : operation == "stop" ? "-" : "~"
        return "\(sign) \(operation) \(instance) (\(reason))"
    }
}
