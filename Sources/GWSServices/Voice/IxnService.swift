import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `ixn` role: the multimedia interactions back end (`/ixn/v3`).
///
/// For now: agents' multimedia state (`PUT|GET /ixn/v3/agents/{agentId}/state`),
/// cached in Redis so every instance sees it.
public enum IxnService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("ixn")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeAuthenticatedRouter(openAPI: SwitchOpenAPI.ixn)
        let store = scaffold.stores.redis.map { SessionStore(redis: $0) }
        SessionAgentStateRoutes(basePath: "/ixn/v3", channel: "ixn", store: store).register(on: router)
        return scaffold.makeApplication(router: router)
    }
}
