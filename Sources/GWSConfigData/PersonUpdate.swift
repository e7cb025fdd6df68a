/// A partial update of a person: nil fields are left unchanged. For the
/// optional attributes (`email`, `agentLogin`, `defaultPlace`) an empty string
/// clears the value. A non-nil `password` replaces the password (re-hashed).
///
/// Decodable only (never encoded, so the password cannot leak into JSON);
/// its `description` never shows the password.
public struct PersonUpdate: Decodable, Sendable, CustomStringConvertible {
    public var userName: String?
    public var firstName: String?
    public var lastName: String?
    public var employeeId: String?
    public var email: String?
    public var password: String?
    public var isAgent: Bool?
    public var isAdmin: Bool?
    public var agentLogin: String?
    public var defaultPlace: String?
    public var enabled: Bool?

    public init(
        userName: String? = nil, firstName: String? = nil, lastName: String? = nil, employeeId: String? = nil,
        email: String? = nil, password: String? = nil, isAgent: Bool? = nil, isAdmin: Bool? = nil,
        agentLogin: String? = nil, defaultPlace: String? = nil, enabled: Bool? = nil
    ) {
        self.userName = userName
        self.firstName = firstName
        self.lastName = lastName
        self.employeeId = employeeId
        self.email = email
        self.password = password
        self.isAgent = isAgent
        self.isAdmin = isAdmin
        self.agentLogin = agentLogin
        self.defaultPlace = defaultPlace
        self.enabled = enabled
    }

    public var description: String {
        "PersonUpdate(userName: \(userName ?? "-"), password: \(password == nil ? "unchanged" : "<redacted>"))"
    }
}
