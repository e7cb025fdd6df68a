/// Where a ``LeaderElection`` candidate stands.
public enum Leadership: Sendable, Hashable {
    /// This candidate holds the lock and its session's lease has not run out: it may act.
    case leader
    /// Another candidate leads (`leader` is the value it wrote under the key), or nobody does (`nil`):
    /// this candidate must not act.
    case follower(leader: String?)

    /// Whether this candidate leads.
    public var isLeader: Bool { self == .leader }
}
