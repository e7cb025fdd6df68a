/// How many agents are in each state.
public struct AgentStateCounts: Sendable, Hashable, CustomStringConvertible {
    /// Agents by state; states with none are absent.
    public private(set) var counts: [AgentState: Int]

    public init(_ counts: [AgentState: Int] = [:]) {
        self.counts = counts.filter { $0.value != 0 }
    }

    /// The number of agents in `state` (0 when none).
    public subscript(state: AgentState) -> Int {
        get { counts[state] ?? 0 }
        set { counts[state] = newValue == 0 ? nil : newValue }
    }

    /// All agents counted.
    public var total: Int { counts.values.reduce(0, +) }

    public var description: String {
        AgentState.allCases.map { "\($0.rawValue): \(self[$0])" }.joined(separator: ", ")
    }
}
