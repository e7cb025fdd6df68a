import GWSAuth
import GWSTestKit
import GWSConfigData
import GWSServiceKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Runs `body` against a Provisioning app driven in-process, pointed (by a
/// fixed URL) at a Configuration app served LIVE on a free port, on a fresh
/// database of a real PostgreSQL. Everything started is stopped afterwards.
/// `makeLocator` turns the live Configuration URL into the locator Provisioning uses.
func withProvisioning(
    makeLocator: @Sendable (String) -> any PeerServiceLocator = { FixedPeerLocator(url: $0) },
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await PostgresTestServer.withServer { server in
        let database = try await server.makeDatabase()
        try await withStores(["GWS_POSTGRES_URL": server.url(database: database)]) { stores in
            let postgres = try #require(stores.postgres)
            let repository = ConfigurationRepository(store: postgres, hasher: PasswordHasher(rounds: 1000), logger: testLogger)
            _ = try await repository.migrate()
            try await withLiveConfiguration(stores: stores, repository: repository) { url in
                try await withProvisioning(locator: makeLocator(url), body)
            }
        }
    }
}

/// Runs `body` against a Provisioning app that finds Configuration through `locator`.
func withProvisioning(
    locator: any PeerServiceLocator, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    let app = ProvisioningService.buildApplication(makeScaffold("provisioning", stores: .none), locator: locator)
    try await app.test(.router) { client in try await body(client) }
}
