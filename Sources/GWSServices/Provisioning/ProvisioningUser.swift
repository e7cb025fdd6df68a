/// A user as Provisioning answers it, in GWS's names (`DBID`, `employeeID`).
/// It never carries a password.
struct ProvisioningUser: Codable, Sendable, Equatable {
    var dbid: Int
    var userName: String
    var firstName: String
    var lastName: String
    var employeeID: String
    var email: String?
    var agentLogin: String?
    var defaultPlace: String?
    var isAgent: Bool
    var isAdmin: Bool
    var enabled: Bool
    /// The names of the user's agent groups, sorted.
    var agentGroups: [String]
    /// The user's skill levels, by name; nil where not read (user lists).
    var skills: [ProvisioningSkillInput]?

    private enum CodingKeys: String, CodingKey {
        case dbid = "DBID"
        case userName, firstName, lastName, employeeID, email, agentLogin, defaultPlace, isAgent, isAdmin, enabled
        case agentGroups, skills
    }

    init(person: ConfigurationPersonRecord, agentGroups: [String], skills: [ProvisioningSkillInput]?) {
        dbid = person.dbid
        userName = person.userName
        firstName = person.firstName
        lastName = person.lastName
        employeeID = person.employeeId
        email = person.email
        agentLogin = person.agentLogin
        defaultPlace = person.defaultPlace
        isAgent = person.isAgent
        isAdmin = person.isAdmin
        enabled = person.enabled
        self.agentGroups = agentGroups.sorted()
        self.skills = skills?.sorted { $0.name < $1.name }
    }
}

/// A person as Configuration answers it (only the fields Provisioning uses).
struct ConfigurationPersonRecord: Decodable, Sendable {
    var dbid: Int
    var userName: String
    var firstName: String
    var lastName: String
    var employeeId: String
    var email: String?
    var agentLogin: String?
    var defaultPlace: String?
    var isAgent: Bool
    var isAdmin: Bool
    var enabled: Bool
}

/// A skill or agent group as Configuration answers it.
struct ConfigurationNamedRecord: Codable, Sendable {
    var dbid: Int
    var name: String
    /// The members of an agent group (absent for skills).
    var memberDbids: [Int]?
}

/// A skill level of a person as Configuration answers it.
struct ConfigurationSkillLevelRecord: Decodable, Sendable {
    var skillDbid: Int
    var name: String
    var level: Int
}

/// A skill or agent group as Provisioning answers it: `{DBID, name}`.
struct ProvisioningNamedObject: Codable, Sendable, Equatable {
    var dbid: Int
    var name: String

    private enum CodingKeys: String, CodingKey {
        case dbid = "DBID"
        case name
    }
}
