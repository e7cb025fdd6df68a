import GWSConfigData
import Testing

extension ConfigDataTests {
    @Suite("Skills and agent groups")
    struct SkillsAndGroups {
        @Test func skillsAreCreatedListedAndAssignedWithLevels() async throws {
            try await withRepository { repository in
                let english = try await repository.createSkill(tenant: "a", name: "English")
                let french = try await repository.createSkill(tenant: "a", name: "French")
                #expect(try await repository.listSkills(tenant: "a") == [english, french])
                let duplicate = try await #require(throws: ConfigurationError.self) {
                    try await repository.createSkill(tenant: "a", name: "English")
                }
                #expect(duplicate.code == .conflict(field: "name"))
                let blank = try await #require(throws: ConfigurationError.self) {
                    try await repository.createSkill(tenant: "a", name: " ")
                }
                #expect(blank.code == .invalid(field: "name", reason: "is required"))

                let person = try await repository.createPerson(tenant: "a", newPerson("agent"))
                try await repository.setSkillLevel(tenant: "a", personDbid: person.dbid, skillDbid: french.dbid, level: 3)
                try await repository.setSkillLevel(tenant: "a", personDbid: person.dbid, skillDbid: english.dbid, level: 7)
                try await repository.setSkillLevel(tenant: "a", personDbid: person.dbid, skillDbid: english.dbid, level: 9)
                #expect(try await repository.skillLevels(tenant: "a", personDbid: person.dbid) == [
                    SkillLevel(skillDbid: english.dbid, name: "English", level: 9),
                    SkillLevel(skillDbid: french.dbid, name: "French", level: 3),
                ])
                let negative = try await #require(throws: ConfigurationError.self) {
                    try await repository.setSkillLevel(tenant: "a", personDbid: person.dbid, skillDbid: french.dbid, level: -1)
                }
                #expect(negative.code == .invalid(field: "level", reason: "must not be negative"))
                try await repository.removeSkillLevel(tenant: "a", personDbid: person.dbid, skillDbid: french.dbid)
                #expect(try await repository.skillLevels(tenant: "a", personDbid: person.dbid).map(\.name) == ["English"])
            }
        }

        @Test func agentGroupsHoldMembers() async throws {
            try await withRepository { repository in
                let sales = try await repository.createAgentGroup(tenant: "a", name: "Sales")
                let support = try await repository.createAgentGroup(tenant: "a", name: "Support")
                let duplicate = try await #require(throws: ConfigurationError.self) {
                    try await repository.createAgentGroup(tenant: "a", name: "Sales")
                }
                #expect(duplicate.code == .conflict(field: "name"))
                let one = try await repository.createPerson(tenant: "a", newPerson("one"))
                let two = try await repository.createPerson(tenant: "a", newPerson("two"))
                try await repository.addAgentGroupMember(tenant: "a", groupDbid: sales.dbid, personDbid: two.dbid)
                try await repository.addAgentGroupMember(tenant: "a", groupDbid: sales.dbid, personDbid: one.dbid)
                try await repository.addAgentGroupMember(tenant: "a", groupDbid: sales.dbid, personDbid: one.dbid)
                try await repository.addAgentGroupMember(tenant: "a", groupDbid: support.dbid, personDbid: two.dbid)
                let groups = try await repository.listAgentGroups(tenant: "a")
                #expect(groups.map(\.name) == ["Sales", "Support"])
                #expect(groups.map(\.memberDbids) == [[one.dbid, two.dbid], [two.dbid]])
                #expect(try await repository.agentGroups(tenant: "a", personDbid: two.dbid).map(\.name) == ["Sales", "Support"])
                try await repository.removeAgentGroupMember(tenant: "a", groupDbid: sales.dbid, personDbid: two.dbid)
                #expect(try await repository.agentGroups(tenant: "a", personDbid: two.dbid).map(\.name) == ["Support"])
            }
        }
    }
}
