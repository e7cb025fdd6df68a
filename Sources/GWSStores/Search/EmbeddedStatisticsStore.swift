/// The ``StatisticsStore`` in memory, for machines with no Elasticsearch:
/// the same answers as ``ElasticsearchStatisticsStore``, lost when the
/// process ends.
public actor EmbeddedStatisticsStore: StatisticsStore {
    private var agentStates: [String: AgentStateDocument] = [:]
    private var contacts: [String: ContactDocument] = [:]

    public init() {}

    public func prepare() async throws {}

    public func putAgentState(_ document: AgentStateDocument) async throws {
        agentStates[document.employeeId] = document
    }

    public func agentState(employeeId: String) async throws -> AgentStateDocument? {
        agentStates[employeeId]
    }

    public func agentStateCounts(group: String?) async throws -> AgentStateCounts {
        var counts = AgentStateCounts()
        for document in agentStates.values where group.map(document.group.contains) ?? true {
            counts[document.state] += 1
        }
        return counts
    }

    public func putContact(_ contact: ContactDocument) async throws {
        contacts[contact.id] = contact
    }

    public func searchContacts(text: String, limit: Int) async throws -> [ContactDocument] {
        guard limit > 0 else { return [] }
        let query = ContactQuery(text: text)
        return Array(contacts.values.filter(query.matches).sorted(by: ContactQuery.areInOrder).prefix(limit))
    }
}
