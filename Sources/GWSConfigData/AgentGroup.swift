/// An agent group of a tenant (name unique per tenant).
public struct AgentGroup: Codable, Sendable, Hashable {
    public var dbid: Int
    public var tenant: String
    public var name: String
    /// The members' dbids, ascending.
    public var memberDbids: [Int]

    public init(dbid: Int, tenant: String, name: String, memberDbids: [Int] = []) {
        self.dbid = dbid
        self.tenant = tenant
        self.name = name
        self.memberDbids = memberDbids
    }
}
