import Foundation

/// A person (user) of a tenant as stored, without its password.
///
/// There is deliberately no password or hash here: what leaves the repository
/// can be logged or returned to clients.
public struct Person: Codable, Sendable, Hashable {
    /// The database id, unique across tenants.
    public var dbid: Int
    /// The tenant the person belongs to.
    public var tenant: String
    /// The login name, unique per tenant regardless of case.
    public var userName: String
    public var firstName: String
    public var lastName: String
    /// Unique per tenant; the object id of agent statistics.
    public var employeeId: String
    public var email: String?
    public var isAgent: Bool
    public var isAdmin: Bool
    /// The agent login id used on the voice channel.
    public var agentLogin: String?
    /// The name of the person's default place.
    public var defaultPlace: String?
    /// Disabled persons cannot log in (`verifyPassword` answers nil).
    public var enabled: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        dbid: Int, tenant: String, userName: String, firstName: String, lastName: String, employeeId: String,
        email: String?, isAgent: Bool, isAdmin: Bool, agentLogin: String?, defaultPlace: String?,
        enabled: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.dbid = dbid
        self.tenant = tenant
        self.userName = userName
        self.firstName = firstName
        self.lastName = lastName
        self.employeeId = employeeId
        self.email = email
        self.isAgent = isAgent
        self.isAdmin = isAdmin
        self.agentLogin = agentLogin
        self.defaultPlace = defaultPlace
        self.enabled = enabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
