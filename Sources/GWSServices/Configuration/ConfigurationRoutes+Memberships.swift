import GWSConfigData
import GWSServiceKit
import Hummingbird

/// The Configuration routes Provisioning needs for a user's skills and agent
/// groups (under `/configuration/v3`, tenant from `X-GWS-Tenant`):
///
/// - `GET /persons/{dbid}/skills` → `{skills: [{skillDbid, name, level}]}`;
/// - `PUT /persons/{dbid}/skills/{skillDbid}` `{data: {level}}`, `DELETE …` (no-op when absent);
/// - `PUT|DELETE /agent-groups/{groupDbid}/members/{personDbid}` (both idempotent).
///
/// Unknown person, skill or group → 404. Registered by `ConfigurationRoutes`
/// through `registerMemberships(on:)`.
extension ConfigurationRoutes {
    func registerMemberships(on api: RouterGroup<GWSRequestContext>) {
        api.get("persons/:dbid/skills") { request, context in
            let (repository, tenant) = try scope(request)
            let dbid = try Self.dbid(context)
            let levels = try await Self.mapped {
                _ = try await repository.person(tenant: tenant, dbid: dbid)
                return try await repository.skillLevels(tenant: tenant, personDbid: dbid)
            }
            return GWSEnvelope(data: ConfigurationSkillLevelsData(skills: levels))
        }
        api.put("persons/:dbid/skills/:skillDbid") { request, context in
            let (repository, tenant) = try scope(request)
            let dbid = try Self.dbid(context)
            let skill = try Self.positive("skillDbid", context)
            let input = try await RequestInput.data(ConfigurationSkillLevelInput.self, from: request, context: context)
            try await Self.mapped {
                try await repository.setSkillLevel(tenant: tenant, personDbid: dbid, skillDbid: skill, level: input.level)
            }
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
        api.delete("persons/:dbid/skills/:skillDbid") { request, context in
            let (repository, tenant) = try scope(request)
            let dbid = try Self.dbid(context)
            let skill = try Self.positive("skillDbid", context)
            try await Self.mapped { try await repository.removeSkillLevel(tenant: tenant, personDbid: dbid, skillDbid: skill) }
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
        api.put("agent-groups/:groupDbid/members/:personDbid") { request, context in
            let (repository, tenant) = try scope(request)
            let group = try Self.positive("groupDbid", context)
            let person = try Self.positive("personDbid", context)
            try await Self.mapped { try await repository.addAgentGroupMember(tenant: tenant, groupDbid: group, personDbid: person) }
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
        api.delete("agent-groups/:groupDbid/members/:personDbid") { request, context in
            let (repository, tenant) = try scope(request)
            let group = try Self.positive("groupDbid", context)
            let person = try Self.positive("personDbid", context)
            try await Self.mapped {
                try await repository.removeAgentGroupMember(tenant: tenant, groupDbid: group, personDbid: person)
            }
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
    }

    /// The path parameter `name` as a positive integer (400 otherwise).
    static func positive(_ name: String, _ context: GWSRequestContext) throws -> Int {
        guard let text = context.parameters.get(name), let value = Int(text), value > 0 else {
            throw GWSError(.badRequest, "invalid path parameter \(name): expected a positive integer")
        }
        return value
    }
}

/// `data` of `GET /configuration/v3/persons/{dbid}/skills`.
struct ConfigurationSkillLevelsData: Codable, Sendable {
    var skills: [SkillLevel]
}

/// `data` of `PUT /configuration/v3/persons/{dbid}/skills/{skillDbid}`.
struct ConfigurationSkillLevelInput: Decodable, Sendable {
    var level: Int
}
