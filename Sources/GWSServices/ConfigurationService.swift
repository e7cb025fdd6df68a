import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `configuration` role: the Configuration service (`/configuration/v3`): persons, agent groups, skills, DNs, places.
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum ConfigurationService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("configuration")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
