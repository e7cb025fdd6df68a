/// One action of a `_bulk` request.
public struct BulkOperation: Sendable {
    /// The bulk action.
    public enum Action: String, Sendable, Hashable {
        /// Store the document, replacing any earlier one.
        case index
        /// Store the document; fails (for this item only) when the id exists.
        case create
        /// Merge a partial document into the existing one.
        case update
        /// Remove the document.
        case delete
    }

    /// What to do.
    public let action: Action
    /// The target index.
    public let index: String
    /// The document id (`nil` lets the server pick one for `index` and `create`).
    public let id: String?
    /// The document (`index`, `create`) or partial document (`update`).
    let document: (any Encodable & Sendable)?
    /// An external version (`version_type=external_gte`): the item fails with
    /// a `version_conflict_engine_exception` (409) when a higher version is stored.
    public let externalVersion: Int?

    init(action: Action, index: String, id: String?, document: (any Encodable & Sendable)?, externalVersion: Int? = nil) {
        self.action = action
        self.index = index
        self.id = id
        self.document = document
        self.externalVersion = externalVersion.map { max(0, $0) }
    }

    /// Stores `document`, replacing any earlier one.
    public static func index(_ index: String, id: String?, document: some Encodable & Sendable) -> BulkOperation {
        BulkOperation(action: .index, index: index, id: id, document: document)
    }

    /// Stores `document` under `id` with the external `version`, unless a
    /// higher version is stored (the same version again is harmless).
    public static func index(
        _ index: String, id: String, document: some Encodable & Sendable, externalVersion: Int
    ) -> BulkOperation {
        BulkOperation(action: .index, index: index, id: id, document: document, externalVersion: externalVersion)
    }

    /// Stores `document` only if `id` is new.
    public static func create(_ index: String, id: String?, document: some Encodable & Sendable) -> BulkOperation {
        BulkOperation(action: .create, index: index, id: id, document: document)
    }

    /// Merges `partial` into the stored document `id`.
    public static func update(_ index: String, id: String, partial: some Encodable & Sendable) -> BulkOperation {
        BulkOperation(action: .update, index: index, id: id, document: partial)
    }

    /// Deletes the document `id`.
    public static func delete(_ index: String, id: String) -> BulkOperation {
        BulkOperation(action: .delete, index: index, id: id, document: nil)
    }
}
