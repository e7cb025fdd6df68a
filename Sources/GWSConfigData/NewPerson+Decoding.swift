extension NewPerson {
    private enum CodingKeys: String, CodingKey {
        case userName, firstName, lastName, employeeId, employeeID, email, password
        case isAgent, isAdmin, agentLogin, defaultPlace, enabled
    }

    /// Decodes a request body: optional fields may be absent, `employeeID` is
    /// accepted for `employeeId`, and absent required fields become empty
    /// strings so that validation names them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? { try container.decodeIfPresent(String.self, forKey: key) }
        func flag(_ key: CodingKeys) throws -> Bool? { try container.decodeIfPresent(Bool.self, forKey: key) }
        self.init(
            userName: try text(.userName) ?? "",
            firstName: try text(.firstName) ?? "",
            lastName: try text(.lastName) ?? "",
            employeeId: try text(.employeeId) ?? text(.employeeID) ?? "",
            email: try text(.email),
            password: try text(.password),
            isAgent: try flag(.isAgent) ?? false,
            isAdmin: try flag(.isAdmin) ?? false,
            agentLogin: try text(.agentLogin),
            defaultPlace: try text(.defaultPlace),
            enabled: try flag(.enabled) ?? true)
    }

    /// Encodes every field except the password.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userName, forKey: .userName)
        try container.encode(firstName, forKey: .firstName)
        try container.encode(lastName, forKey: .lastName)
        try container.encode(employeeId, forKey: .employeeId)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(isAgent, forKey: .isAgent)
        try container.encode(isAdmin, forKey: .isAdmin)
        try container.encodeIfPresent(agentLogin, forKey: .agentLogin)
        try container.encodeIfPresent(defaultPlace, forKey: .defaultPlace)
        try container.encode(enabled, forKey: .enabled)
    }
}
