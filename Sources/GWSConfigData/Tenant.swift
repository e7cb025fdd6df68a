/// A tenant (contact center): every other object belongs to exactly one.
public struct Tenant: Codable, Sendable, Hashable {
    /// The tenant's id (the `X-GWS-Tenant` value; e.g. `"1"` or `"acme"`).
    public var id: String
    /// A display name.
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
