import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `ocs` role: the outbound back end (`/ocs/v3`, optional).
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`), `GET <basePath>/version` and `GET <basePath>/openapi.json`; its API lands here.
public enum OcsService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("ocs")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(
            router: scaffold.makeAuthenticatedRouter(
                openAPI: RoleOpenAPIDocuments.document(role: descriptor.role)))
    }
}
