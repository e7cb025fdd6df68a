/// A skill of a tenant (name unique per tenant).
public struct Skill: Codable, Sendable, Hashable {
    public var dbid: Int
    public var tenant: String
    public var name: String

    public init(dbid: Int, tenant: String, name: String) {
        self.dbid = dbid
        self.tenant = tenant
        self.name = name
    }
}
