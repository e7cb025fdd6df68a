import GWSConfigData
import Testing

extension ConfigDataTests {
    @Suite("Listing persons")
    struct PersonListing {
        @Test func pagesInDbidOrderWithTotals() async throws {
            try await withRepository { repository in
                var dbids: [Int] = []
                for n in 1...7 {
                    dbids.append(try await repository.createPerson(tenant: "a", newPerson("agent\(n)")).dbid)
                }
                let first = try await repository.listPersons(tenant: "a", limit: 3, offset: 0)
                #expect(first.items.map(\.dbid) == Array(dbids[0..<3]))
                #expect(first.totalCount == 7)
                let last = try await repository.listPersons(tenant: "a", limit: 3, offset: 6)
                #expect(last.items.map(\.dbid) == [dbids[6]])
                #expect(last.totalCount == 7)
                let beyond = try await repository.listPersons(tenant: "a", limit: 3, offset: 50)
                #expect(beyond.items.isEmpty)
                #expect(beyond.totalCount == 7)
            }
        }

        @Test func filterNameMatchesUserFirstAndLastNamesIgnoringCase() async throws {
            try await withRepository { repository in
                _ = try await repository.createPerson(tenant: "a", newPerson("jsmith", first: "John", last: "Smith"))
                _ = try await repository.createPerson(tenant: "a", newPerson("kjones", first: "Kate", last: "Jones"))
                _ = try await repository.createPerson(tenant: "a", newPerson("bob", first: "Robert", last: "Smithers"))
                _ = try await repository.createPerson(tenant: "a", newPerson("100%_done", first: "Percent"))
                func names(_ filter: String?, limit: Int = 100) async throws -> ([String], Int) {
                    let page = try await repository.listPersons(tenant: "a", limit: limit, filterName: filter)
                    return (page.items.map(\.userName), page.totalCount)
                }
                #expect(try await names("SMITH") == (["jsmith", "bob"], 2))
                #expect(try await names("kat") == (["kjones"], 1))
                #expect(try await names("ROBERT") == (["bob"], 1))
                #expect(try await names("smith", limit: 1) == (["jsmith"], 2))
                #expect(try await names("%") == (["100%_done"], 1), "LIKE wildcards are literal")
                #expect(try await names("_") == (["100%_done"], 1))
                #expect(try await names("") .1 == 4)
                #expect(try await names(nil).1 == 4)
                #expect(try await names("nobody") == ([], 0))
            }
        }

        @Test func pagingIsValidated() async throws {
            try await withRepository { repository in
                for (limit, offset, field) in [(0, 0, "limit"), (1001, 0, "limit"), (10, -1, "offset")] {
                    let error = try await #require(throws: ConfigurationError.self) {
                        try await repository.listPersons(tenant: "a", limit: limit, offset: offset)
                    }
                    guard case .invalid(let named, _) = error.code else {
                        Issue.record("expected invalid, got \(error.code)")
                        continue
                    }
                    #expect(named == field)
                }
            }
        }
    }
}
