import GWSServiceKit

/// The users of the Provisioning API, kept in the Configuration service:
/// a user is a Configuration person plus its agent-group memberships and
/// skill levels, written and read through `PeerServiceClient`.
struct ProvisioningUsers: Sendable {
    let configuration: PeerServiceClient

    /// Creates the person, then its memberships and skill levels; the dbid.
    ///
    /// Unknown group or skill names → 400 naming them, before anything is
    /// created; if a later step fails, the person is deleted again.
    func create(tenant: String, _ input: ProvisioningUserInput) async throws -> Int {
        guard let password = input.person.password, !password.isEmpty else {
            throw GWSError(.badRequest, "missing field password")
        }
        let groups = try await groupDbids(tenant: tenant, names: input.agentGroups ?? [])
        let skills = try await skillLevels(tenant: tenant, input.skills ?? [])
        let person = try await configuration.send(
            .post, "/persons", tenant: tenant, body: input.person, as: ConfigurationPersonReply.self
        ).person
        do {
            for group in groups.values {
                try await configuration.perform(
                    .put, "/agent-groups/\(group)/members/\(person.dbid)", tenant: tenant, body: ConfigurationNoData?.none)
            }
            for (skill, level) in skills {
                try await configuration.perform(
                    .put, "/persons/\(person.dbid)/skills/\(skill)", tenant: tenant, body: ConfigurationLevelBody(level: level))
            }
        } catch {
            try? await configuration.perform(.delete, "/persons/\(person.dbid)", tenant: tenant, body: ConfigurationNoData?.none)
            throw error
        }
        return person.dbid
    }

    /// One user with its groups and skills (404 when unknown in `tenant`).
    func user(tenant: String, dbid: Int) async throws -> ProvisioningUser {
        let person = try await configuration.get("/persons/\(dbid)", tenant: tenant, as: ConfigurationPersonReply.self).person
        let groups = try await configuration.get("/agent-groups", tenant: tenant, as: ConfigurationAgentGroupsReply.self)
        let levels = try await configuration.get("/persons/\(dbid)/skills", tenant: tenant, as: ConfigurationSkillLevelsReply.self)
        return ProvisioningUser(
            person: person,
            agentGroups: groups.agentGroups.filter { $0.memberDbids?.contains(dbid) == true }.map(\.name),
            skills: levels.skills.map { ProvisioningSkillInput(name: $0.name, level: $0.level) })
    }

    /// A page of users (with their groups, without skills) and the total.
    func list(tenant: String, limit: Int, offset: Int, filterName: String?) async throws -> ProvisioningUsersData {
        var query = [("limit", String(limit)), ("offset", String(offset))]
        if let filterName { query.append(("filterName", filterName)) }
        let page = try await configuration.get("/persons", tenant: tenant, query: query, as: ConfigurationPersonsReply.self)
        let groups = try await configuration.get("/agent-groups", tenant: tenant, as: ConfigurationAgentGroupsReply.self)
        let users = page.persons.map { person in
            ProvisioningUser(
                person: person,
                agentGroups: groups.agentGroups.filter { $0.memberDbids?.contains(person.dbid) == true }.map(\.name),
                skills: nil)
        }
        return ProvisioningUsersData(users: users, totalCount: page.totalCount)
    }

    /// Updates the given fields; `agentGroups` and `skills`, when present,
    /// replace the current ones (names checked before anything changes).
    func update(tenant: String, dbid: Int, _ input: ProvisioningUserInput) async throws {
        var groups: [String: Int]?
        if let names = input.agentGroups { groups = try await groupDbids(tenant: tenant, names: names) }
        var skills: [Int: Int]?
        if let levels = input.skills { skills = try await skillLevels(tenant: tenant, levels) }
        _ = try await configuration.send(.put, "/persons/\(dbid)", tenant: tenant, body: input.person, as: ConfigurationPersonReply.self)
        if let groups {
            let all = try await configuration.get("/agent-groups", tenant: tenant, as: ConfigurationAgentGroupsReply.self)
            let current = Set(all.agentGroups.filter { $0.memberDbids?.contains(dbid) == true }.map(\.dbid))
            let wanted = Set(groups.values)
            for group in wanted.subtracting(current) {
                try await configuration.perform(.put, "/agent-groups/\(group)/members/\(dbid)", tenant: tenant, body: ConfigurationNoData?.none)
            }
            for group in current.subtracting(wanted) {
                try await configuration.perform(.delete, "/agent-groups/\(group)/members/\(dbid)", tenant: tenant, body: ConfigurationNoData?.none)
            }
        }
        if let skills {
            let current = try await configuration.get("/persons/\(dbid)/skills", tenant: tenant, as: ConfigurationSkillLevelsReply.self)
            for (skill, level) in skills {
                try await configuration.perform(.put, "/persons/\(dbid)/skills/\(skill)", tenant: tenant, body: ConfigurationLevelBody(level: level))
            }
            for old in current.skills where skills[old.skillDbid] == nil {
                try await configuration.perform(.delete, "/persons/\(dbid)/skills/\(old.skillDbid)", tenant: tenant, body: ConfigurationNoData?.none)
            }
        }
    }

    /// Deletes the user (its memberships and skill levels go with it).
    func delete(tenant: String, dbid: Int) async throws {
        try await configuration.perform(.delete, "/persons/\(dbid)", tenant: tenant, body: ConfigurationNoData?.none)
    }

    /// The dbids of the named agent groups, by name; 400 naming the unknown ones.
    private func groupDbids(tenant: String, names: [String]) async throws -> [String: Int] {
        guard !names.isEmpty else { return [:] }
        let groups = try await configuration.get("/agent-groups", tenant: tenant, as: ConfigurationAgentGroupsReply.self)
        return try Self.resolve(names, in: groups.agentGroups, what: "agent groups")
    }

    /// Skill dbid → level for the given skills; 400 naming unknown skills or a negative level.
    private func skillLevels(tenant: String, _ skills: [ProvisioningSkillInput]) async throws -> [Int: Int] {
        guard !skills.isEmpty else { return [:] }
        if let bad = skills.firstIndex(where: { $0.level < 0 }) {
            throw GWSError(.badRequest, "invalid field skills[\(bad)].level: must not be negative")
        }
        let known = try await configuration.get("/skills", tenant: tenant, as: ConfigurationSkillsReply.self)
        let dbids = try Self.resolve(skills.map(\.name), in: known.skills, what: "skills")
        var levels: [Int: Int] = [:]
        for skill in skills {
            if let dbid = dbids[skill.name] { levels[dbid] = skill.level }
        }
        return levels
    }

    /// Name → dbid for `names` among `records`; 400 listing the names not found.
    static func resolve(_ names: [String], in records: [ConfigurationNamedRecord], what: String) throws -> [String: Int] {
        let byName = Dictionary(records.map { ($0.name, $0.dbid) }, uniquingKeysWith: { first, _ in first })
        let unknown = names.filter { byName[$0] == nil }
        guard unknown.isEmpty else {
            throw GWSError(.badRequest, "unknown \(what): \(unknown.joined(separator: ", "))")
        }
        return byName.filter { names.contains($0.key) }
    }
}
