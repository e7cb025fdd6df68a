import GWSConfigData
import Testing

extension ConfigDataTests {
    @Suite("Concurrent writers")
    struct ConcurrentWriters {
        /// Racing creates pass the pre-check together; the unique index decides
        /// and the loser still gets a conflict naming the field.
        @Test func racingCreatesYieldOnePersonAndConflicts() async throws {
            try await withRepository { repository in
                let results = await withTaskGroup(of: Result<Person, ConfigurationError>.self) { group in
                    for n in 0..<6 {
                        group.addTask {
                            do {
                                return .success(try await repository.createPerson(
                                    tenant: "a", NewPerson(userName: n % 2 == 0 ? "racer" : "RACER", employeeId: "E\(n)")))
                            } catch let error as ConfigurationError {
                                return .failure(error)
                            } catch {
                                return .failure(.invalid("unexpected", "\(error)"))
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                let created = results.compactMap { try? $0.get() }
                let conflicts = results.compactMap { result -> ConfigurationError.Code? in
                    if case .failure(let error) = result { return error.code }
                    return nil
                }
                #expect(created.count == 1)
                let expected = [ConfigurationError.Code](repeating: .conflict(field: "userName"), count: 5)
                #expect(conflicts == expected)
                let total = try await repository.listPersons(tenant: "a").totalCount
                #expect(total == 1)
            }
        }
    }
}
