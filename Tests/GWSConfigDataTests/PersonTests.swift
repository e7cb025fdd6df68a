import GWSConfigData
import Testing

extension ConfigDataTests {
    @Suite("Persons")
    struct Persons {
        @Test func createReadByDbidAndByUserNameIgnoringCase() async throws {
            try await withRepository { repository in
                let created = try await repository.createPerson(tenant: "a", NewPerson(
                    userName: "JSmith", firstName: "John", lastName: "Smith", employeeId: "1001",
                    email: "john@example.com", password: "pw", isAgent: true, agentLogin: "+33298025003",
                    defaultPlace: "Place_JohnSmith"))
                #expect(created.dbid > 0)
                #expect(created.tenant == "a")
                #expect(created.userName == "JSmith")
                #expect(created.email == "john@example.com")
                #expect(created.isAgent && !created.isAdmin && created.enabled)
                #expect(created.agentLogin == "+33298025003")
                #expect(created.defaultPlace == "Place_JohnSmith")
                #expect(try await repository.person(tenant: "a", dbid: created.dbid) == created)
                #expect(try await repository.person(tenant: "a", userName: "jsmith") == created)
            }
        }

        @Test func requiredFieldsAreValidated() async throws {
            try await withRepository { repository in
                for (new, field) in [
                    (NewPerson(userName: "  ", employeeId: "1"), "userName"),
                    (NewPerson(userName: "u", employeeId: ""), "employeeId"),
                    (NewPerson(userName: "u", employeeId: "1", email: "not-an-email"), "email"),
                    (NewPerson(userName: "u", employeeId: "1", password: ""), "password"),
                    (NewPerson(userName: "u\n", employeeId: "1\u{7}"), "employeeId"),
                ] {
                    let error = try await #require(throws: ConfigurationError.self) {
                        try await repository.createPerson(tenant: "a", new)
                    }
                    guard case .invalid(let named, _) = error.code else {
                        Issue.record("expected invalid(\(field)), got \(error.code)")
                        continue
                    }
                    #expect(named == field)
                    #expect(error.message.contains(field))
                }
                #expect(try await repository.listPersons(tenant: "a").totalCount == 0)
            }
        }

        @Test func duplicatesAreConflictsNamingTheField() async throws {
            try await withRepository { repository in
                _ = try await repository.createPerson(tenant: "a", NewPerson(userName: "agent1", employeeId: "E1"))
                let byName = try await #require(throws: ConfigurationError.self) {
                    try await repository.createPerson(tenant: "a", NewPerson(userName: "AGENT1", employeeId: "E2"))
                }
                #expect(byName.code == .conflict(field: "userName"))
                let byEmployee = try await #require(throws: ConfigurationError.self) {
                    try await repository.createPerson(tenant: "a", NewPerson(userName: "agent2", employeeId: "E1"))
                }
                #expect(byEmployee.code == .conflict(field: "employeeId"))
                #expect(byEmployee.message.contains("employeeId"))
            }
        }

        @Test func unknownTenantOrPersonIsNotFound() async throws {
            try await withRepository { repository in
                let noTenant = try await #require(throws: ConfigurationError.self) {
                    try await repository.createPerson(tenant: "nope", newPerson("x"))
                }
                #expect(noTenant.code == .notFound)
                for operation in [
                    { _ = try await repository.person(tenant: "a", dbid: 999_999) },
                    { _ = try await repository.person(tenant: "a", userName: "ghost") },
                    { _ = try await repository.updatePerson(tenant: "a", dbid: 999_999, PersonUpdate(firstName: "x")) },
                    { try await repository.deletePerson(tenant: "a", dbid: 999_999) },
                ] as [@Sendable () async throws -> Void] {
                    let error = try await #require(throws: ConfigurationError.self) { try await operation() }
                    #expect(error.code == .notFound)
                }
            }
        }

        @Test func partialUpdateChangesOnlyGivenFields() async throws {
            try await withRepository { repository in
                let created = try await repository.createPerson(tenant: "a", NewPerson(
                    userName: "u1", firstName: "Ann", lastName: "Lee", employeeId: "E1", email: "a@x.org", password: "old"))
                let updated = try await repository.updatePerson(
                    tenant: "a", dbid: created.dbid, PersonUpdate(lastName: "Smith", email: "", isAdmin: true))
                #expect(updated.firstName == "Ann")
                #expect(updated.lastName == "Smith")
                #expect(updated.email == nil)
                #expect(updated.isAdmin)
                #expect(updated.userName == "u1" && updated.employeeId == "E1")
                #expect(updated.updatedAt > created.updatedAt)
                #expect(updated.createdAt == created.createdAt)
                #expect(try await repository.person(tenant: "a", dbid: created.dbid) == updated)
                #expect(try await repository.verifyPassword(tenant: "a", userName: "u1", password: "old") != nil)

                _ = try await repository.updatePerson(tenant: "a", dbid: created.dbid, PersonUpdate(password: "new"))
                #expect(try await repository.verifyPassword(tenant: "a", userName: "u1", password: "old") == nil)
                #expect(try await repository.verifyPassword(tenant: "a", userName: "u1", password: "new") != nil)
            }
        }

        @Test func updateValidatesAndDetectsConflicts() async throws {
            try await withRepository { repository in
                let first = try await repository.createPerson(tenant: "a", newPerson("one"))
                let second = try await repository.createPerson(tenant: "a", newPerson("two"))
                let name = try await #require(throws: ConfigurationError.self) {
                    try await repository.updatePerson(tenant: "a", dbid: second.dbid, PersonUpdate(userName: "ONE"))
                }
                #expect(name.code == .conflict(field: "userName"))
                let employee = try await #require(throws: ConfigurationError.self) {
                    try await repository.updatePerson(tenant: "a", dbid: second.dbid, PersonUpdate(employeeId: first.employeeId))
                }
                #expect(employee.code == .conflict(field: "employeeId"))
                let empty = try await #require(throws: ConfigurationError.self) {
                    try await repository.updatePerson(tenant: "a", dbid: second.dbid, PersonUpdate(userName: ""))
                }
                #expect(empty.code == .invalid(field: "userName", reason: "is required"))
                // Renaming to itself in another case is not a conflict.
                let renamed = try await repository.updatePerson(tenant: "a", dbid: first.dbid, PersonUpdate(userName: "One"))
                #expect(renamed.userName == "One")
            }
        }

        @Test func deleteRemovesThePersonAndItsLinks() async throws {
            try await withRepository { repository in
                let person = try await repository.createPerson(tenant: "a", newPerson("gone"))
                let skill = try await repository.createSkill(tenant: "a", name: "English")
                let group = try await repository.createAgentGroup(tenant: "a", name: "Sales")
                try await repository.setSkillLevel(tenant: "a", personDbid: person.dbid, skillDbid: skill.dbid, level: 5)
                try await repository.addAgentGroupMember(tenant: "a", groupDbid: group.dbid, personDbid: person.dbid)
                try await repository.deletePerson(tenant: "a", dbid: person.dbid)
                let error = try await #require(throws: ConfigurationError.self) {
                    try await repository.person(tenant: "a", dbid: person.dbid)
                }
                #expect(error.code == .notFound)
                #expect(try await repository.listAgentGroups(tenant: "a").map(\.memberDbids) == [[]])
                // The user name is free again.
                _ = try await repository.createPerson(tenant: "a", newPerson("gone"))
            }
        }
    }
}
