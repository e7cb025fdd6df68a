extension ElasticsearchStatisticsStore {
    /// The mappings of the calls index: keyword-searchable strings, dates, and
    /// `talkSeconds` as a number to sum.
    static var callMappings: JSONValue {
        let text = Self.text
        return [
            "properties": [
                "callId": text, "employeeId": text, "state": text, "callType": text, "group": text,
                "createdAt": ["type": "date"], "establishedAt": ["type": "date"], "releasedAt": ["type": "date"],
                "updatedAt": ["type": "date"], "talkSeconds": ["type": "double"],
            ]
        ]
    }

    public func putCall(_ call: CallDocument) async throws -> Bool {
        try await writer.write(.index(callsIndex, id: call.callId, document: call, externalVersion: storeVersion(of: call.updatedAt)))
    }

    public func call(id: String) async throws -> CallDocument? {
        try await client.get(index: callsIndex, id: id)
    }

    public func callsInProgress(employeeId: String?, group: String?) async throws -> Int {
        var filters = [Self.states(CallDocument.State.inProgress)]
        if let employeeId { filters.append(["term": ["employeeId.keyword": .string(employeeId)]]) }
        if let group { filters.append(["term": ["group.keyword": .string(group)]]) }
        return try await client.count(index: callsIndex, query: ["bool": ["filter": .array(filters)]])
    }

    public func talkTimeSeconds(employeeId: String) async throws -> Double {
        let filters: [JSONValue] = [
            Self.states(CallDocument.State.finished), ["term": ["employeeId.keyword": .string(employeeId)]],
        ]
        let results = try await client.aggregate(
            index: callsIndex, query: ["bool": ["filter": .array(filters)]],
            aggregations: ["talk": .sum(field: "talkSeconds")])
        return results.value("talk") ?? 0
    }

    /// A filter keeping calls in one of `states`.
    private static func states(_ states: [CallDocument.State]) -> JSONValue {
        ["terms": ["state.keyword": .array(states.map { .string($0.rawValue) })]]
    }
}
