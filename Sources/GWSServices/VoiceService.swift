import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `voice` role: the Voice back end (`/voice/v3`) and its events.
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum VoiceService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("voice")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
