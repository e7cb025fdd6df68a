/// The changes announced for one tenant since its statistics were last
/// recomputed, and which statistics they can alter: an agent's own
/// statistics when one of its changes of the statistic's kind came; a
/// group's when a member's did; the tenant's on any call change.
struct StatisticsChangeSet: Sendable, Hashable {
    /// Employee ids with a change, by kind.
    private(set) var employeeIds: [StatisticsChange.Kind: Set<String>] = [:]
    /// Groups of agents with a change, by kind.
    private(set) var groups: [StatisticsChange.Kind: Set<String>] = [:]

    init() {}

    /// Whether nothing changed.
    var isEmpty: Bool { employeeIds.isEmpty }

    /// Adds one announced change.
    mutating func add(_ change: StatisticsChange) {
        employeeIds[change.kind, default: []].insert(change.employeeId)
        groups[change.kind, default: []].formUnion(change.groups)
    }

    /// Whether the changes can alter the value of `statistic`.
    func affects(_ statistic: StatisticDescriptor) -> Bool {
        let kind = statistic.name.changeKind
        switch statistic.objectType {
        case .agent: return employeeIds[kind]?.contains(statistic.objectId) ?? false
        case .agentGroup: return groups[kind]?.contains(statistic.objectId) ?? false
        case .tenant: return employeeIds[kind] != nil
        }
    }
}
