import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `provisioning` role: the Provisioning API (`/provisioning/v3`), back end of Agent Setup.
///
/// Users, skills and agent groups live in the Configuration service, reached
/// over HTTP at a passing `gws-platform-configuration` instance found through
/// Consul (`ConsulPeerLocator`); without a Consul URL every API call
/// answers 503. Sessions are kept in memory. Routes: see `ProvisioningRoutes`.
public enum ProvisioningService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("provisioning")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let locator = scaffold.peerLocator(for: configurationServiceName)
        return buildApplication(scaffold, locator: locator)
    }

    /// The application with Configuration found by `locator`.
    static func buildApplication(
        _ scaffold: ServiceScaffold, locator: any PeerServiceLocator
    ) -> Application<RouterResponder<GWSRequestContext>> {
        let router = scaffold.makeAuthenticatedRouter(openAPI: ProvisioningOpenAPI.document)
        let http = PeerServiceClient.makeHTTPClient()
        let client = PeerServiceClient(http: http, locator: locator, logger: scaffold.logger)
        ProvisioningRoutes(users: ProvisioningUsers(configuration: client), sessions: ProvisioningSessions())
            .register(on: router)
        var app = scaffold.makeApplication(router: router)
        app.addServices(HTTPClientService(client: http))
        return app
    }
}
