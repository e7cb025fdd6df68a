/// `data` of `POST /provisioning/v3/objects/users` and `PUT …/{dbid}`:
/// the person's fields (`employeeID`, GWS's spelling, or `employeeId`), the
/// names of its agent groups and its skill levels.
///
/// For a creation, absent required fields are reported by Configuration,
/// naming the field; for an update, absent fields are left as they are, and
/// `agentGroups` / `skills`, when present, replace the user's current ones.
struct ProvisioningUserInput: Decodable, Sendable {
    var person: ProvisioningPersonFields
    var agentGroups: [String]?
    var skills: [ProvisioningSkillInput]?

    private enum CodingKeys: String, CodingKey {
        case userName, firstName, lastName, employeeID, employeeId, email, password
        case isAgent, isAdmin, agentLogin, defaultPlace, enabled, agentGroups, skills
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? { try container.decodeIfPresent(String.self, forKey: key) }
        func flag(_ key: CodingKeys) throws -> Bool? { try container.decodeIfPresent(Bool.self, forKey: key) }
        person = ProvisioningPersonFields(
            userName: try text(.userName), firstName: try text(.firstName), lastName: try text(.lastName),
            employeeId: try text(.employeeID) ?? text(.employeeId), email: try text(.email),
            password: try text(.password), isAgent: try flag(.isAgent), isAdmin: try flag(.isAdmin),
            agentLogin: try text(.agentLogin), defaultPlace: try text(.defaultPlace), enabled: try flag(.enabled))
        agentGroups = try container.decodeIfPresent([String].self, forKey: .agentGroups)
        skills = try container.decodeIfPresent([ProvisioningSkillInput].self, forKey: .skills)
    }
}

/// A skill level in a user: `{name, level}`.
struct ProvisioningSkillInput: Codable, Sendable, Hashable {
    var name: String
    var level: Int
}

/// The person fields Provisioning sends to Configuration (`POST|PUT /persons`);
/// absent fields are left out of the JSON. Its `description` hides the password.
struct ProvisioningPersonFields: Encodable, Sendable, CustomStringConvertible {
    var userName: String?
    var firstName: String?
    var lastName: String?
    var employeeId: String?
    var email: String?
    var password: String?
    var isAgent: Bool?
    var isAdmin: Bool?
    var agentLogin: String?
    var defaultPlace: String?
    var enabled: Bool?

    var description: String {
        "ProvisioningPersonFields(userName: \(userName ?? "-"), password: \(password == nil ? "none" : "<redacted>"))"
    }
}
