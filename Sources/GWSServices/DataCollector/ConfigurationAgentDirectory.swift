/// Finds agents in the Configuration service with a service token:
/// `GET /configuration/v3/persons?userName=<userName>` for the person
/// (an exact lookup, ignoring case), then
/// `GET /configuration/v3/agent-groups` for the groups listing its dbid.
struct ConfigurationAgentDirectory: AgentDirectory {
    /// The client of the Configuration API (its `token` mints service tokens).
    let client: PeerServiceClient

    func profile(tenant: String, userName: String) async throws -> AgentProfile? {
        let page = try await client.get("/persons", tenant: tenant, query: [("userName", userName)], as: PersonsReply.self)
        let wanted = userName.lowercased()
        guard let person = page.persons.first(where: { $0.userName.lowercased() == wanted }) else { return nil }
        let groups = try await client.get("/agent-groups", tenant: tenant, as: AgentGroupsReply.self)
        let names = groups.agentGroups.filter { $0.memberDbids.contains(person.dbid) }.map(\.name).sorted()
        return AgentProfile(employeeId: person.employeeId, groups: names)
    }

    /// `data` of `GET /persons`: only what is needed here.
    struct PersonsReply: Decodable, Sendable {
        struct Person: Decodable, Sendable {
            var dbid: Int
            var userName: String
            var employeeId: String
        }

        var persons: [Person]
    }

    /// `data` of `GET /agent-groups`.
    struct AgentGroupsReply: Decodable, Sendable {
        struct Group: Decodable, Sendable {
            var name: String
            var memberDbids: [Int]
        }

        var agentGroups: [Group]
    }
}
