import GWSConfigData

/// `data` of `GET /configuration/v3/persons`: one page and the total.
struct ConfigurationPersonsData: Codable, Sendable {
    var persons: [Person]
    var totalCount: Int
}

/// `data` of the single-person answers.
struct ConfigurationPersonData: Codable, Sendable {
    var person: Person
}

/// `data` of `POST /configuration/v3/persons/verify`.
struct ConfigurationVerifyInput: Decodable, Sendable {
    var userName: String
    var password: String
}

/// `data` of `POST /configuration/v3/skills` and `/agent-groups`.
struct ConfigurationNameInput: Decodable, Sendable {
    var name: String
}

/// `data` of `POST /configuration/v3/dns` (`type` defaults to `Extension`).
struct ConfigurationDNInput: Decodable, Sendable {
    var number: String
    var type: String?
}

/// `data` of `POST /configuration/v3/places` (`dn`: the number of a DN of the tenant).
struct ConfigurationPlaceInput: Decodable, Sendable {
    var name: String
    var dn: String?
}

/// `data` of the skill answers.
struct ConfigurationSkillsData: Codable, Sendable {
    var skills: [Skill]
}

/// `data` of `POST /configuration/v3/skills`.
struct ConfigurationSkillData: Codable, Sendable {
    var skill: Skill
}

/// `data` of the agent-group list.
struct ConfigurationAgentGroupsData: Codable, Sendable {
    var agentGroups: [AgentGroup]
}

/// `data` of `POST /configuration/v3/agent-groups`.
struct ConfigurationAgentGroupData: Codable, Sendable {
    var agentGroup: AgentGroup
}

/// `data` of the DN list.
struct ConfigurationDNsData: Codable, Sendable {
    var dns: [DirectoryNumber]
}

/// `data` of `POST /configuration/v3/dns`.
struct ConfigurationDNData: Codable, Sendable {
    var dn: DirectoryNumber
}

/// `data` of the place list.
struct ConfigurationPlacesData: Codable, Sendable {
    var places: [Place]
}

/// `data` of `POST /configuration/v3/places`.
struct ConfigurationPlaceData: Codable, Sendable {
    var place: Place
}
