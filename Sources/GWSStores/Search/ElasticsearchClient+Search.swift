import Foundation

extension ElasticsearchClient {
    /// Searches `index` (a name, a comma-separated list or a pattern).
    /// - Parameters:
    ///   - query: the query DSL, such as `["term": ["state.keyword": "Ready"]]`; all documents by default.
    ///   - size: the page size.
    ///   - from: how many hits to skip.
    ///   - sort: sort clauses, such as `[["lastName.keyword": "asc"]]`; by score when empty.
    ///   - aggregations: aggregations by name, answered in ``SearchResult/aggregations``.
    public func search<T: Decodable>(
        index: String, query: JSONValue = ["match_all": [:]], size: Int = 10, from: Int = 0,
        sort: [JSONValue] = [], aggregations: [String: Aggregation] = [:], as type: T.Type = T.self
    ) async throws -> SearchResult<T> {
        var body: [String: JSONValue] = ["query": query, "size": .int(size), "from": .int(from), "track_total_hits": true]
        if !sort.isEmpty { body["sort"] = .array(sort) }
        if !aggregations.isEmpty { body["aggs"] = .object(aggregations.mapValues(\.body)) }
        let path = Self.pathSegment(index) + "/_search"
        let answer = try await call(.POST, path, body: try encode(JSONValue.object(body), what: "search"))
        let decoded = try decode(SearchResponseBody<T>.self, from: answer, method: .POST, path: path)
        return SearchResult(
            total: decoded.hits.total?.value ?? decoded.hits.hits.count,
            hits: decoded.hits.hits.map {
                SearchResult.Hit(id: $0.id, index: $0.index, score: $0.score, source: $0.source, sort: $0.sort ?? [])
            },
            aggregations: AggregationResults(raw: decoded.aggregations ?? [:]))
    }

    /// Runs only aggregations (no hits) over the documents matching `query`.
    public func aggregate(
        index: String, query: JSONValue = ["match_all": [:]], aggregations: [String: Aggregation]
    ) async throws -> AggregationResults {
        let result = try await search(index: index, query: query, size: 0, aggregations: aggregations, as: JSONValue.self)
        return result.aggregations
    }

    /// How many documents of `index` match `query`.
    public func count(index: String, query: JSONValue = ["match_all": [:]]) async throws -> Int {
        let path = Self.pathSegment(index) + "/_count"
        let answer = try await call(.POST, path, body: try encode(JSONValue.object(["query": query]), what: "count"))
        return try decode(CountResponseBody.self, from: answer, method: .POST, path: path).count
    }
}

/// The answer to `_count`.
private struct CountResponseBody: Decodable {
    let count: Int
}

/// The answer to `_search`.
private struct SearchResponseBody<T: Decodable>: Decodable {
    struct Hits: Decodable {
        let total: Total?
        let hits: [Hit]
    }

    /// `{"value": n, "relation": "eq"}`, or a bare number from older servers.
    struct Total: Decodable {
        let value: Int

        init(from decoder: any Decoder) throws {
            if let number = try? decoder.singleValueContainer().decode(Int.self) {
                value = number
            } else {
                value = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .value)
            }
        }

        enum CodingKeys: String, CodingKey { case value }
    }

    struct Hit: Decodable {
        let id: String
        let index: String
        let score: Double?
        let source: T
        let sort: [JSONValue]?

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case index = "_index"
            case score = "_score"
            case source = "_source"
            case sort
        }
    }

    let hits: Hits
    let aggregations: [String: JSONValue]?
}
