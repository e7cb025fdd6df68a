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
            let scaffold = makeScaffold("configuration", stores: stores)
            let router = scaffold.makeAuthenticatedRouter()
            let routes = ConfigurationRoutes(repository: repository, migrations: nil)
            routes.register(on: router)
            let configuration = scaffold.makeApplication(router: router, port: 0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await configuration.run() }
                defer { group.cancelAll() }
                let port = try await scaffold.listening.waitForPort()
                let locator = makeLocator("http://127.0.0.1:\(port)")
                try await withProvisioning(locator: locator, body)
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
