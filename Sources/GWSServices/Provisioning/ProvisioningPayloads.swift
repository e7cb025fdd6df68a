/// `data` of Configuration's person list.
struct ConfigurationPersonsReply: Decodable, Sendable {
    var persons: [ConfigurationPersonRecord]
    var totalCount: Int
}

/// `data` of Configuration's single-person answers.
struct ConfigurationPersonReply: Decodable, Sendable {
    var person: ConfigurationPersonRecord
}

/// `data` of Configuration's skill list.
struct ConfigurationSkillsReply: Decodable, Sendable {
    var skills: [ConfigurationNamedRecord]
}

/// `data` of Configuration's skill creation.
struct ConfigurationSkillReply: Decodable, Sendable {
    var skill: ConfigurationNamedRecord
}

/// `data` of Configuration's agent-group list.
struct ConfigurationAgentGroupsReply: Decodable, Sendable {
    var agentGroups: [ConfigurationNamedRecord]
}

/// `data` of Configuration's agent-group creation.
struct ConfigurationAgentGroupReply: Decodable, Sendable {
    var agentGroup: ConfigurationNamedRecord
}

/// `data` of Configuration's person skill levels.
struct ConfigurationSkillLevelsReply: Decodable, Sendable {
    var skills: [ConfigurationSkillLevelRecord]
}

/// `data` of `POST /provisioning/v3/initialize-provisioning`.
struct ProvisioningSessionData: Codable, Sendable {
    var sessionId: String
}

/// `data` of a creation: `{dbid}`.
struct ProvisioningDBIDData: Codable, Sendable {
    var dbid: Int
}

/// `data` of `GET /provisioning/v3/objects/users`.
struct ProvisioningUsersData: Codable, Sendable {
    var users: [ProvisioningUser]
    var totalCount: Int
}

/// `data` of `GET /provisioning/v3/objects/users/{dbid}`.
struct ProvisioningUserData: Codable, Sendable {
    var user: ProvisioningUser
}

/// `data` of `GET /provisioning/v3/objects/skills`.
struct ProvisioningSkillsData: Codable, Sendable {
    var skills: [ProvisioningNamedObject]
}

/// `data` of `GET /provisioning/v3/objects/agent-groups`.
struct ProvisioningAgentGroupsData: Codable, Sendable {
    var agentGroups: [ProvisioningNamedObject]
}

/// `data` of `POST /provisioning/v3/objects/skills` and `/agent-groups`.
struct ProvisioningNameInput: Codable, Sendable {
    var name: String
}

/// `data` of a skill-level write to Configuration.
struct ConfigurationLevelBody: Encodable, Sendable {
    var level: Int
}
