/// The ``StatisticsStore`` in memory, for machines with no Elasticsearch:
/// the same answers as ``ElasticsearchStatisticsStore``, lost when the
/// process ends.
public actor EmbeddedStatisticsStore: StatisticsStore {
    private var agentStates: [String: AgentStateDocument] = [:]
    private var calls: [String: CallDocument] = [:]
    private var contacts: [String: ContactDocument] = [:]

    public init() {}

    public func prepare() async throws {}

    public func putAgentState(_ document: AgentStateDocument) async throws -> Bool {
        if let stored = agentStates[document.employeeId],
           storeVersion(of: stored.updatedAt) > storeVersion(of: document.updatedAt) {
            return false
        }
        agentStates[document.employeeId] = document
        return true
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

    public func putCall(_ call: CallDocument) async throws -> Bool {
        if let stored = calls[call.callId], storeVersion(of: stored.updatedAt) > storeVersion(of: call.updatedAt) {
            return false
        }
        calls[call.callId] = call
        return true
    }

    public func call(id: String) async throws -> CallDocument? {
        calls[id]
    }

    public func callsInProgress(employeeId: String?, group: String?) async throws -> Int {
        calls.values.count { call in
            call.state.isInProgress && (employeeId.map { call.employeeId == $0 } ?? true)
                && (group.map(call.group.contains) ?? true)
        }
    }

    public func talkTimeSeconds(employeeId: String) async throws -> Double {
        calls.values.reduce(0) { total, call in
            guard call.employeeId == employeeId, CallDocument.State.finished.contains(call.state) else { return total }
            return total + (call.talkSeconds ?? 0)
        }
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
