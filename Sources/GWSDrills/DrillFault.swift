/// How a drill hurts its target.
public struct DrillFault: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// SIGKILL to the process group: a crash.
        case kill
        /// SIGSTOP for `seconds`, then SIGCONT: a hang.
        case hang
        /// SIGTERM (SIGINT for PostgreSQL): a graceful stop the operator sees as an exit.
        case restart
        /// `gwsctl rollout restart`: a planned rolling restart of a role.
        case rollout
        /// `gwsctl step-down`: the operator leader exits leaving every
        /// instance running, for a standby (or the drill's rollback) to adopt.
        case stepDown = "step-down"
    }

    public var kind: Kind
    /// How long a hang lasts (defaults to the drill's duration).
    public var seconds: Double?

    public init(kind: Kind, seconds: Double? = nil) {
        self.kind = kind
        self.seconds = seconds
    }
}

extension DrillFault.Kind {
    /// Whether an operator hit by this fault is gone afterwards (killed or
    /// stepped down), so that the rollback may have to start one.
    var stopsTheOperator: Bool { self == .kill || self == .stepDown }
}
