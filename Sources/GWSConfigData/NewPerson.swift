/// What `createPerson` needs: `userName` and `employeeId` are required, the
/// password is optional (a person without one cannot log in).
///
/// Decoding accepts missing optional fields (defaults as in `init`) and
/// `employeeID` (Provisioning's spelling) for `employeeId`; missing required
/// fields decode as empty and are reported by validation, naming the field.
/// Its `description` never shows the password.
public struct NewPerson: Codable, Sendable, CustomStringConvertible {
    public var userName: String
    public var firstName: String
    public var lastName: String
    public var employeeId: String
    public var email: String?
    /// The plaintext password; hashed before it is stored, never stored or logged as is.
    public var password: String?
    public var isAgent: Bool
    public var isAdmin: Bool
    public var agentLogin: String?
    public var defaultPlace: String?
    public var enabled: Bool

    public init(
        userName: String, firstName: String = "", lastName: String = "", employeeId: String,
        email: String? = nil, password: String? = nil, isAgent: Bool = false, isAdmin: Bool = false,
        agentLogin: String? = nil, defaultPlace: String? = nil, enabled: Bool = true
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
        "NewPerson(userName: \(userName), employeeId: \(employeeId), password: \(password == nil ? "none" : "<redacted>"))"
    }
}
