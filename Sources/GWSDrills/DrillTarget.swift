import GWSSpec

/// What a drill hits.
public enum DrillTarget: Sendable, Equatable {
    /// One instance by id (`workspace-0`).
    case instance(String)
    /// Every instance of a role, or one picked at random.
    case role(String, select: RoleSelection)
    /// A backing store the operator runs.
    case store(StoreKind)
    /// The operator (the leader, when several run).
    case operatorLeader

    public enum RoleSelection: String, Sendable, Equatable, CaseIterable {
        /// Every instance; one at random; the one leading the role's elected
        /// singleton (the Data Collector's indexer: `replication: leader` in the status).
        case all, one, leader
    }

    /// `instance`, `role`, `store` or `operator`.
    public var kind: String {
        switch self {
        case .instance: "instance"
        case .role: "role"
        case .store: "store"
        case .operatorLeader: "operator"
        }
    }

    /// `instance workspace-0`, `role workspace (one at random)`, `store postgres`, `operator`.
    public var selector: String {
        switch self {
        case .instance(let id): "instance \(id)"
        case .role(let role, .all): "role \(role) (every instance)"
        case .role(let role, .one): "role \(role) (one instance at random)"
        case .role(let role, .leader): "role \(role) (the elected leader)"
        case .store(let kind): "store \(kind.rawValue)"
        case .operatorLeader: "operator (leader)"
        }
    }
}
