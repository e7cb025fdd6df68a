import GWSConfigData
import GWSStores
import Testing

extension ConfigDataTests {
    @Suite("Stored passwords")
    struct PasswordStorage {
        @Test func verifyPasswordAcceptsOnlyTheRightPasswordOfAnEnabledUser() async throws {
            try await withRepository { repository in
                let person = try await repository.createPerson(tenant: "a", newPerson("Agent7", password: "Pa55word!"))
                #expect(try await repository.verifyPassword(tenant: "a", userName: "agent7", password: "Pa55word!") == person)
                #expect(try await repository.verifyPassword(tenant: "a", userName: "agent7", password: "pa55word!") == nil)
                #expect(try await repository.verifyPassword(tenant: "a", userName: "ghost", password: "Pa55word!") == nil)
                #expect(try await repository.verifyPassword(tenant: "b", userName: "agent7", password: "Pa55word!") == nil)

                _ = try await repository.updatePerson(tenant: "a", dbid: person.dbid, PersonUpdate(enabled: false))
                #expect(try await repository.verifyPassword(tenant: "a", userName: "agent7", password: "Pa55word!") == nil)

                _ = try await repository.createPerson(tenant: "a", newPerson("nopassword"))
                #expect(try await repository.verifyPassword(tenant: "a", userName: "nopassword", password: "") == nil)
            }
        }

        @Test func theRowHoldsOnlyASaltedHash() async throws {
            try await withRepository { repository in
                let password = "Plaintext-Canary-42"
                let person = try await repository.createPerson(tenant: "a", newPerson("canary", password: password))
                let rows = try await repository.store.query(
                    "SELECT row_to_json(p)::text, password_hash FROM cfg_persons p WHERE dbid = \(person.dbid)")
                let (json, hash) = try rows[0].decode((String, String).self)
                #expect(!json.contains(password))
                #expect(!json.lowercased().contains(password.lowercased()))
                #expect(hash.hasPrefix("pbkdf2-sha256$\(testRounds)$"))
                #expect(hash.split(separator: "$").count == 4)
                // The value returned to callers carries neither the password nor the hash.
                #expect(!"\(person)".contains(password))
                #expect(!"\(person)".contains(hash))
            }
        }
    }
}
