/// The health of a Consul check.
public enum ConsulCheckStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case passing
    case warning
    case critical

    /// How bad a status is, for aggregating several checks: the worst one wins.
    var severity: Int {
        switch self {
        case .passing: 0
        case .warning: 1
        case .critical: 2
        }
    }
}
