/// Where the statistics and contact services keep searchable documents:
/// agent states (counted by state, optionally within a group) and contacts
/// (searched by text). Two implementations share this contract:
/// ``ElasticsearchStatisticsStore`` (a real server) and
/// ``EmbeddedStatisticsStore`` (in memory, for machines with no server).
///
/// Writes are visible to the reads that follow them.
public protocol StatisticsStore: Sendable {
    /// Creates what the store needs (indices); idempotent.
    func prepare() async throws

    /// Records an agent's latest state, replacing its previous one (keyed by `employeeId`).
    func putAgentState(_ document: AgentStateDocument) async throws

    /// The latest state recorded for the agent, if any.
    func agentState(employeeId: String) async throws -> AgentStateDocument?

    /// How many agents are in each state, counting only members of `group` when given.
    func agentStateCounts(group: String?) async throws -> AgentStateCounts

    /// Records a contact, replacing any earlier version (keyed by `id`).
    func putContact(_ contact: ContactDocument) async throws

    /// Contacts whose names, phone numbers or e-mail addresses contain every
    /// white-space separated term of `text` (ignoring case), ordered by last
    /// name, first name and id; at most `limit`.
    func searchContacts(text: String, limit: Int) async throws -> [ContactDocument]
}

extension StatisticsStore {
    /// How many agents are in `state`, counting only members of `group` when given.
    public func agentCount(in state: AgentState, group: String? = nil) async throws -> Int {
        try await agentStateCounts(group: group)[state]
    }
}
