import GWSAuth
import GWSServiceKit
import GWSSpec
import GWSVoice
import Hummingbird

/// The `voice` role: the Voice back end (`/voice/v3`). The Tenant Service
/// (its SIP server) reports calls here (``VoiceSwitchRoutes``); the agents'
/// voice records live in Redis (``VoiceController``), shared with Workspace,
/// and every change goes out on the event bus.
public enum VoiceService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("voice")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeAuthenticatedRouter(openAPI: SwitchOpenAPI.voice)
        let voice = scaffold.stores.redis.map { VoiceController(redis: $0, logger: scaffold.logger) }
        VoiceSwitchRoutes(voice: voice).register(on: router)
        return scaffold.makeApplication(router: router)
    }
}
