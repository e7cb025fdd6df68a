import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `ixn` role: the multimedia interactions back end (`/ixn/v3`).
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum IxnService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("ixn")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
