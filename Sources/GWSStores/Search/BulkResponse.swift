/// The answer to a `_bulk` request: one result per operation, in order.
public struct BulkResponse: Sendable {
    /// The outcome of one operation.
    public struct Item: Sendable, Hashable {
        /// The action that was run.
        public let action: BulkOperation.Action
        /// The index it targeted.
        public let index: String
        /// The document id (the server's choice when none was given).
        public let id: String?
        /// The item's HTTP status (`201` created, `200` updated, `404` not found, `409` conflict…).
        public let status: Int
        /// `created`, `updated`, `deleted`, `not_found` or `noop` when it succeeded.
        public let result: String?
        /// Why it failed, when it did.
        public let error: ElasticsearchErrorDetail?

        /// Whether this item failed.
        public var failed: Bool { error != nil }
    }

    /// One result per operation, in request order.
    public let items: [Item]

    /// The items that failed.
    public var failures: [Item] { items.filter(\.failed) }

    /// Whether any item failed.
    public var hasFailures: Bool { items.contains(where: \.failed) }
}
