import GWSConfigData
import Testing

extension ConfigDataTests {
    @Suite("DNs and places")
    struct DNsAndPlaces {
        @Test func dnsAreUniquePerTenantAndTyped() async throws {
            try await withRepository { repository in
                let ext = try await repository.createDN(tenant: "a", number: "7001")
                let acd = try await repository.createDN(tenant: "a", number: "7002", type: "ACDPosition")
                #expect(ext.type == "Extension")
                #expect(try await repository.listDNs(tenant: "a") == [ext, acd])
                let duplicate = try await #require(throws: ConfigurationError.self) {
                    try await repository.createDN(tenant: "a", number: "7001", type: "Extension")
                }
                #expect(duplicate.code == .conflict(field: "number"))
                let badType = try await #require(throws: ConfigurationError.self) {
                    try await repository.createDN(tenant: "a", number: "7003", type: "Ext 1")
                }
                guard case .invalid("type", _) = badType.code else {
                    Issue.record("expected invalid(type), got \(badType.code)")
                    return
                }
            }
        }

        @Test func placesReferToADNOfTheirTenant() async throws {
            try await withRepository { repository in
                _ = try await repository.createDN(tenant: "a", number: "7001")
                _ = try await repository.createDN(tenant: "b", number: "8001")
                let place = try await repository.createPlace(tenant: "a", name: "Place_JohnSmith", dn: "7001")
                let bare = try await repository.createPlace(tenant: "a", name: "Spare")
                #expect(place.dn == "7001")
                #expect(try await repository.listPlaces(tenant: "a") == [place, bare])
                let duplicate = try await #require(throws: ConfigurationError.self) {
                    try await repository.createPlace(tenant: "a", name: "Place_JohnSmith")
                }
                #expect(duplicate.code == .conflict(field: "name"))
                let foreign = try await #require(throws: ConfigurationError.self) {
                    try await repository.createPlace(tenant: "a", name: "P2", dn: "8001")
                }
                #expect(foreign.code == .invalid(field: "dn", reason: "no DN \"8001\" in this tenant"))
            }
        }
    }
}
