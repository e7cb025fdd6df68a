/// The answer to a search: the matching documents (one page) and the total.
public struct SearchResult<Document> {
    /// One matching document.
    public struct Hit {
        /// The document id (`_id`).
        public let id: String
        /// The index it is stored in.
        public let index: String
        /// Its relevance score (`nil` when sorted by a field).
        public let score: Double?
        /// The document (`_source`).
        public let source: Document
        /// The sort values, when the search was sorted.
        public let sort: [JSONValue]
    }

    /// How many documents match in all (not only on this page).
    public let total: Int
    /// This page of matching documents, in order.
    public let hits: [Hit]
    /// The aggregation results (empty when none were asked for).
    public let aggregations: AggregationResults

    /// The documents of this page, without their metadata.
    public var documents: [Document] { hits.map(\.source) }
}

extension SearchResult: Sendable where Document: Sendable {}
extension SearchResult.Hit: Sendable where Document: Sendable {}
