import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `tenant` role: stand-in for the Tenant Service and its SIP server (`/tenant/v3`).
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum TenantService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("tenant")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeAuthenticatedRouter())
    }
}
