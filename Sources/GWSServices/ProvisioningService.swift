import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `provisioning` role: the Provisioning API (`/provisioning/v3`), back end of Agent Setup.
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum ProvisioningService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("provisioning")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
