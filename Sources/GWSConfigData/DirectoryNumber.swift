/// A directory number (number unique per tenant).
public struct DirectoryNumber: Codable, Sendable, Hashable {
    public var dbid: Int
    public var tenant: String
    public var number: String
    /// The DN type, e.g. `Extension`, `ACDPosition`, `RoutingPoint`.
    public var type: String

    public init(dbid: Int, tenant: String, number: String, type: String) {
        self.dbid = dbid
        self.tenant = tenant
        self.number = number
        self.type = type
    }
}
