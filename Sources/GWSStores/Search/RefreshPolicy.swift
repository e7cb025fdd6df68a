/// When a write becomes visible to searches (Elasticsearch's `refresh` parameter).
public enum RefreshPolicy: String, Sendable, Hashable, CaseIterable {
    /// Visible after the next periodic refresh (the cheapest; the server's default).
    case none = "false"
    /// Refresh the affected shards now, so the write is visible on return.
    case immediate = "true"
    /// Return once a periodic refresh has made the write visible.
    case waitFor = "wait_for"

    /// The query parameter to send, if any.
    var queryItems: [(String, String)] {
        self == .none ? [] : [("refresh", rawValue)]
    }
}
