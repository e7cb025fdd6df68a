/// What the Data Collector needs to know about an agent to file its events:
/// its employee id (the Statistics objectId) and its agent groups.
struct AgentProfile: Sendable, Hashable {
    /// The agent's employee id.
    var employeeId: String
    /// The names of the agent groups it belongs to, sorted.
    var groups: [String]
}

/// Finds agents by user name (the Configuration service in production).
protocol AgentDirectory: Sendable {
    /// The agent `userName` of `tenant`; nil when there is no such person.
    /// - Throws: when the directory cannot be asked (service down).
    func profile(tenant: String, userName: String) async throws -> AgentProfile?
}

/// A directory that knows nobody (no Configuration service can be reached):
/// events are filed with the employee id they carry and no groups.
struct EmptyAgentDirectory: AgentDirectory {
    func profile(tenant: String, userName: String) async throws -> AgentProfile? { nil }
}
