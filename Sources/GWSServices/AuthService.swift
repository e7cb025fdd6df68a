import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `auth` role: stand-in for Genesys Authentication: `/auth/v3` (OAuth2) and `/environment/v3`.
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum AuthService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("auth")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
