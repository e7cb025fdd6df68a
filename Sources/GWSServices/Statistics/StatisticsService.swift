import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `statistics` role: the Statistics API (`/statistics/v3`).
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum StatisticsService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("statistics")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeAuthenticatedRouter())
    }
}
