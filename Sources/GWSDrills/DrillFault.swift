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
    }

    public var kind: Kind
    /// How long a hang lasts (defaults to the drill's duration).
    public var seconds: Double?

    public init(kind: Kind, seconds: Double? = nil) {
        self.kind = kind
        self.seconds = seconds
    }
}
