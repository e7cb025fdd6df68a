import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `tenant` role: stand-in for the Tenant Service and its SIP server
/// (`/tenant/v3`): DNs and places from Configuration, and a control API that
/// rings and drops inbound calls by reporting them to the Voice service
/// (both found through Consul). Routes: see ``TenantSimulatorRoutes``.
public enum TenantService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("tenant")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let http = PeerServiceClient.makeHTTPClient()
        let configuration = PeerServiceClient(
            http: http, locator: scaffold.peerLocator(for: configurationServiceName), logger: scaffold.logger)
        var voice = PeerServiceClient(http: http, locator: scaffold.peerLocator(for: voiceServiceName), logger: scaffold.logger)
        voice.basePath = "/voice/v3"
        let router = scaffold.makeAuthenticatedRouter(openAPI: SwitchOpenAPI.tenant)
        TenantSimulatorRoutes(configuration: configuration, voice: voice).register(on: router)
        var app = scaffold.makeApplication(router: router)
        app.addServices(HTTPClientService(client: http))
        return app
    }
}
