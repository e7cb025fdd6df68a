import Logging

/// The ``StatisticsStore`` on an Elasticsearch server: agent states in the
/// index `<prefix>-agent-states` (one document per `employeeId`), calls in
/// `<prefix>-calls` (one per `callId`), contacts in `<prefix>-contacts` (one
/// per `id`). String fields are `text` with a `keyword` sub-field, as dynamic
/// mapping would make them, so an index that the server created on its own
/// still answers the same queries.
///
/// Agent states and calls are written with an external version (their
/// `updatedAt` in milliseconds, `version_type=external_gte`), so the server
/// itself refuses an older version: concurrent writers need no locking.
public struct ElasticsearchStatisticsStore: StatisticsStore {
    /// The client it uses.
    public let client: ElasticsearchClient
    /// The index of agent states.
    public let agentStatesIndex: String
    /// The index of calls.
    public let callsIndex: String
    /// The index of contacts.
    public let contactsIndex: String
    /// When writes become visible (`.waitFor` by default, so reads see them).
    public let refresh: RefreshPolicy
    /// Agent states and calls leave through `_bulk`, many per request under load.
    let writer: VersionedBulkWriter
    let logger: Logger

    /// - Parameters:
    ///   - client: the Elasticsearch client.
    ///   - indexPrefix: the prefix of the index names.
    ///   - refresh: when writes become visible; `.immediate` suits tests, `.waitFor` production.
    ///   - writeLinger: how long an agent state or call written to an idle store
    ///     waits for others to share its `_bulk` request (a `_bulk` item costs
    ///     the server a fraction of a single `PUT`).
    ///   - logger: logs index creation.
    public init(
        client: ElasticsearchClient, indexPrefix: String = "gws", refresh: RefreshPolicy = .waitFor,
        writeLinger: Duration = .milliseconds(100), logger: Logger
    ) {
        self.client = client
        self.agentStatesIndex = "\(indexPrefix)-agent-states"
        self.callsIndex = "\(indexPrefix)-calls"
        self.contactsIndex = "\(indexPrefix)-contacts"
        self.refresh = refresh
        self.logger = logger
        self.writer = VersionedBulkWriter(linger: writeLinger, url: client.configuration.redactedURL) { operations in
            try await client.bulk(operations, refresh: refresh)
        }
    }

    /// A `text` field with a `keyword` sub-field.
    static let text: JSONValue = ["type": "text", "fields": ["keyword": ["type": "keyword", "ignore_above": 256]]]

    public func prepare() async throws {
        let text = Self.text
        let agentMappings: JSONValue = [
            "properties": [
                "employeeId": text, "agentId": text, "state": text, "reason": text, "group": text,
                "updatedAt": ["type": "date"],
            ]
        ]
        let contactMappings: JSONValue = [
            "properties": ["id": text, "firstName": text, "lastName": text, "phoneNumbers": text, "emailAddresses": text]
        ]
        let indices = [(agentStatesIndex, agentMappings), (callsIndex, Self.callMappings), (contactsIndex, contactMappings)]
        for (index, mappings) in indices {
            let created = try await client.createIndex(index, mappings: mappings)
            logger.debug("statistics index ready", metadata: ["index": "\(index)", "created": "\(created)"])
        }
    }

    public func putAgentState(_ document: AgentStateDocument) async throws -> Bool {
        try await writer.write(
            .index(agentStatesIndex, id: document.employeeId, document: document, externalVersion: storeVersion(of: document.updatedAt)))
    }

    public func agentState(employeeId: String) async throws -> AgentStateDocument? {
        try await client.get(index: agentStatesIndex, id: employeeId)
    }

    public func agentStateCounts(group: String?) async throws -> AgentStateCounts {
        var filters: [JSONValue] = []
        if let group { filters.append(["term": ["group.keyword": .string(group)]]) }
        let results = try await client.aggregate(
            index: agentStatesIndex, query: ["bool": ["filter": .array(filters)]],
            aggregations: ["states": .terms(field: "state.keyword", size: AgentState.allCases.count + 10)])
        var counts = AgentStateCounts()
        for bucket in results.buckets("states") {
            guard let state = AgentState(rawValue: bucket.key) else { continue }
            counts[state] += bucket.docCount
        }
        return counts
    }

    public func putContact(_ contact: ContactDocument) async throws {
        try await client.index(contactsIndex, id: contact.id, document: contact, refresh: refresh)
    }

    public func searchContacts(text: String, limit: Int) async throws -> [ContactDocument] {
        guard limit > 0 else { return [] }
        let query = ContactQuery(text: text)
        let result = try await client.search(
            index: contactsIndex, query: query.elasticsearchQuery, size: limit, sort: ContactQuery.elasticsearchSort,
            as: ContactDocument.self)
        return result.documents
    }
}
