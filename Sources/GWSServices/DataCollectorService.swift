import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `datacollector` role: the Data Collector (`/datacollector/v3`): contact search, contact and agent state.
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum DataCollectorService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("datacollector")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
