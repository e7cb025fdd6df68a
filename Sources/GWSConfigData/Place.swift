/// A place (name unique per tenant), optionally holding one DN of the same tenant.
public struct Place: Codable, Sendable, Hashable {
    public var dbid: Int
    public var tenant: String
    public var name: String
    /// The number of the place's DN, if any.
    public var dn: String?

    public init(dbid: Int, tenant: String, name: String, dn: String?) {
        self.dbid = dbid
        self.tenant = tenant
        self.name = name
        self.dn = dn
    }
}
