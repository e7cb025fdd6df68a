import GWSConfigData
import GWSServiceKit
import Hummingbird

extension ConfigurationRoutes {
    /// `GET|POST` for skills, agent groups, DNs and places.
    func registerObjects(on api: RouterGroup<GWSRequestContext>) {
        api.get("skills") { request, context in
            let (repository, tenant) = try scope(request)
            let skills = try await Self.mapped { try await repository.listSkills(tenant: tenant) }
            return GWSEnvelope(data: ConfigurationSkillsData(skills: skills))
        }
        api.post("skills") { request, context in
            let (repository, tenant) = try scope(request)
            let input = try await RequestInput.data(ConfigurationNameInput.self, from: request, context: context)
            let skill = try await Self.mapped {
                try await repository.ensureTenant(id: tenant)
                return try await repository.createSkill(tenant: tenant, name: input.name)
            }
            return GWSEnvelope(data: ConfigurationSkillData(skill: skill))
        }
        api.get("agent-groups") { request, context in
            let (repository, tenant) = try scope(request)
            let groups = try await Self.mapped { try await repository.listAgentGroups(tenant: tenant) }
            return GWSEnvelope(data: ConfigurationAgentGroupsData(agentGroups: groups))
        }
        api.post("agent-groups") { request, context in
            let (repository, tenant) = try scope(request)
            let input = try await RequestInput.data(ConfigurationNameInput.self, from: request, context: context)
            let group = try await Self.mapped {
                try await repository.ensureTenant(id: tenant)
                return try await repository.createAgentGroup(tenant: tenant, name: input.name)
            }
            return GWSEnvelope(data: ConfigurationAgentGroupData(agentGroup: group))
        }
        api.get("dns") { request, context in
            let (repository, tenant) = try scope(request)
            let dns = try await Self.mapped { try await repository.listDNs(tenant: tenant) }
            return GWSEnvelope(data: ConfigurationDNsData(dns: dns))
        }
        api.post("dns") { request, context in
            let (repository, tenant) = try scope(request)
            let input = try await RequestInput.data(ConfigurationDNInput.self, from: request, context: context)
            let dn = try await Self.mapped {
                try await repository.ensureTenant(id: tenant)
                return try await repository.createDN(tenant: tenant, number: input.number, type: input.type ?? "Extension")
            }
            return GWSEnvelope(data: ConfigurationDNData(dn: dn))
        }
        api.get("places") { request, context in
            let (repository, tenant) = try scope(request)
            let places = try await Self.mapped { try await repository.listPlaces(tenant: tenant) }
            return GWSEnvelope(data: ConfigurationPlacesData(places: places))
        }
        api.post("places") { request, context in
            let (repository, tenant) = try scope(request)
            let input = try await RequestInput.data(ConfigurationPlaceInput.self, from: request, context: context)
            let place = try await Self.mapped {
                try await repository.ensureTenant(id: tenant)
                return try await repository.createPlace(tenant: tenant, name: input.name, dn: input.dn)
            }
            return GWSEnvelope(data: ConfigurationPlaceData(place: place))
        }
    }
}
