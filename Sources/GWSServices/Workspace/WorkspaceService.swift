import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `workspace` role: the Workspace API (`/workspace/v3`) for the agent desktop.
///
/// Sessions live in Redis (``SessionStore``), so any instance serves any
/// session; their sliding timeout is `GWS_WORKSPACE_session_timeoutSeconds`
/// (default 1800). A bad value fails at startup.
public enum WorkspaceService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("workspace")

    public static func buildApplication(_ scaffold: ServiceScaffold) throws -> some ApplicationProtocol {
        let timeout = try SessionStore.sessionTimeout(from: scaffold.configuration.contextEnv)
        let store = scaffold.stores.redis.map { SessionStore(redis: $0, sessionTimeoutSeconds: timeout) }
        let router = scaffold.makeAuthenticatedRouter()
        WorkspaceRoutes(store: store).register(on: router)
        return scaffold.makeApplication(router: router)
    }
}
