import GWSConfigData
import Testing

extension ConfigDataTests {
    @Suite("Tenants")
    struct Tenants {
        @Test func createEnsureAndList() async throws {
            try await withRepository { repository in
                let error = try await #require(throws: ConfigurationError.self) {
                    try await repository.createTenant(id: "a", name: "again")
                }
                #expect(error.code == .conflict(field: "id"))
                #expect(try await repository.ensureTenant(id: "a", name: "renamed") == Tenant(id: "a", name: "Tenant A"))
                #expect(try await repository.ensureTenant(id: "c") == Tenant(id: "c", name: "c"))
                #expect(try await repository.listTenants().map(\.id) == ["a", "b", "c"])
                let missing = try await #require(throws: ConfigurationError.self) { try await repository.tenant(id: "zz") }
                #expect(missing.code == .notFound)
                let empty = try await #require(throws: ConfigurationError.self) { try await repository.createTenant(id: "", name: "") }
                #expect(empty.code == .invalid(field: "id", reason: "is required"))
            }
        }

        @Test func aTenantNeverSeesAnotherTenantsObjects() async throws {
            try await withRepository { repository in
                let alice = try await repository.createPerson(tenant: "a", newPerson("alice", password: "pw", first: "Alice"))
                // The same names are free in another tenant.
                let bob = try await repository.createPerson(tenant: "b", newPerson("alice", password: "pw", first: "Bob"))
                let skillA = try await repository.createSkill(tenant: "a", name: "English")
                _ = try await repository.createSkill(tenant: "b", name: "English")
                let groupA = try await repository.createAgentGroup(tenant: "a", name: "Sales")
                _ = try await repository.createDN(tenant: "a", number: "5001")
                _ = try await repository.createDN(tenant: "b", number: "5001")
                _ = try await repository.createPlace(tenant: "a", name: "P1", dn: "5001")

                #expect(try await repository.listPersons(tenant: "a").items == [alice])
                #expect(try await repository.listPersons(tenant: "b").items == [bob])
                #expect(try await repository.listPersons(tenant: "b", filterName: "Alice").totalCount == 1, "matches userName only")
                #expect(try await repository.verifyPassword(tenant: "b", userName: "alice", password: "pw") == bob)
                #expect(try await repository.listSkills(tenant: "b").map(\.tenant) == ["b"])
                #expect(try await repository.listAgentGroups(tenant: "b").isEmpty)
                #expect(try await repository.listDNs(tenant: "b").count == 1)
                #expect(try await repository.listPlaces(tenant: "b").isEmpty)
                #expect(try await repository.listPersons(tenant: "c").totalCount == 0)

                // By dbid, another tenant's objects do not exist.
                for operation in [
                    { _ = try await repository.person(tenant: "b", dbid: alice.dbid) },
                    { _ = try await repository.updatePerson(tenant: "b", dbid: alice.dbid, PersonUpdate(firstName: "X")) },
                    { try await repository.deletePerson(tenant: "b", dbid: alice.dbid) },
                    { try await repository.setSkillLevel(tenant: "b", personDbid: bob.dbid, skillDbid: skillA.dbid, level: 1) },
                    { try await repository.setSkillLevel(tenant: "a", personDbid: bob.dbid, skillDbid: skillA.dbid, level: 1) },
                    { try await repository.addAgentGroupMember(tenant: "b", groupDbid: groupA.dbid, personDbid: bob.dbid) },
                    { try await repository.addAgentGroupMember(tenant: "a", groupDbid: groupA.dbid, personDbid: bob.dbid) },
                    { _ = try await repository.skillLevels(tenant: "b", personDbid: alice.dbid) },
                ] as [@Sendable () async throws -> Void] {
                    let error = try await #require(throws: ConfigurationError.self) { try await operation() }
                    #expect(error.code == .notFound)
                }
                #expect(try await repository.person(tenant: "a", dbid: alice.dbid).firstName == "Alice")
            }
        }
    }
}
