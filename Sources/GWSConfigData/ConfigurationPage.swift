/// One page of a listing and how many items match in all.
public struct ConfigurationPage<Item: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    /// The items of this page, in dbid order.
    public var items: [Item]
    /// How many items match the filter, across all pages.
    public var totalCount: Int

    public init(items: [Item], totalCount: Int) {
        self.items = items
        self.totalCount = totalCount
    }
}
