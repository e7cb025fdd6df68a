import Testing

@testable import GWSServices

/// Provisioning moves to another Configuration instance when the cached one fails.
@Suite("Provisioning failover", .serialized)
struct ProvisioningFailoverTests {
    @Test func aFailedInstanceIsForgottenAndTheCallRetried() async throws {
        let dead = "http://127.0.0.1:1"
        let box = LockedBox<ProvisioningFailoverLocator?>(nil)
        try await withProvisioning(makeLocator: { live in
            let locator = ProvisioningFailoverLocator(dead: dead, live: live)
            box.value = locator
            return locator
        }) { client in
            let response = try await client.gws(.get, "/provisioning/v3/objects/users")
            #expect(response.status == .ok)
            #expect(response.data?["totalCount"]?.intValue == 0)
        }
        let locator = try #require(box.value)
        #expect(await locator.invalidations == 1)
    }
}
