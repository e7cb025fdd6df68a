import GWSConfigData
import GWSServiceKit
import Hummingbird

@testable import GWSServices

/// Serves a Configuration app (bearer tokens checked with the test key) on
/// `repository` LIVE on a free port while `body` runs; `body` gets its base
/// URL (`http://127.0.0.1:<port>`). The app stops afterwards.
func withLiveConfiguration<T: Sendable>(
    stores: StoreConnections, repository: ConfigurationRepository, _ body: (String) async throws -> T
) async throws -> T {
    let scaffold = makeScaffold("configuration", stores: stores)
    let router = scaffold.makeAuthenticatedRouter()
    ConfigurationRoutes(repository: repository, migrations: nil).register(on: router)
    let configuration = scaffold.makeApplication(router: router, port: 0)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await configuration.run() }
        defer { group.cancelAll() }
        let port = try await scaffold.listening.waitForPort()
        return try await body("http://127.0.0.1:\(port)")
    }
}
