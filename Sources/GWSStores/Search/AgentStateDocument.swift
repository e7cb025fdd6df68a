import Foundation

/// The latest state of one agent; stored under its `employeeId`, so each put
/// replaces the agent's previous state.
public struct AgentStateDocument: Sendable, Hashable, Codable {
    /// The agent's employee id: the document's key.
    public var employeeId: String
    /// The agent's login id.
    public var agentId: String
    /// Ready, NotReady or LoggedOut.
    public var state: AgentState
    /// Why the agent is in this state (a not-ready reason code), if given.
    public var reason: String?
    /// The agent groups the agent belongs to.
    public var group: [String]
    /// When the state last changed.
    public var updatedAt: Date

    public init(
        employeeId: String, agentId: String, state: AgentState, reason: String? = nil,
        group: [String] = [], updatedAt: Date
    ) {
        self.employeeId = employeeId
        self.agentId = agentId
        self.state = state
        self.reason = reason
        self.group = group
        self.updatedAt = updatedAt
    }
}
