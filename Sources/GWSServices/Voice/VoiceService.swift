import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `voice` role: the Voice back end (`/voice/v3`) and its events.
///
/// For now: agents' voice state (`PUT|GET /voice/v3/agents/{agentId}/state`),
/// cached in Redis so every instance sees it.
public enum VoiceService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("voice")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeAuthenticatedRouter()
        let store = scaffold.stores.redis.map { SessionStore(redis: $0) }
        SessionAgentStateRoutes(basePath: "/voice/v3", channel: "voice", store: store).register(on: router)
        return scaffold.makeApplication(router: router)
    }
}
