import GWSAuth
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `datacollector` role: the Data Collector (`/datacollector/v3`): contact
/// search, contact and agent state, kept in the statistics store
/// (Elasticsearch when bound, else the embedded one).
///
/// At startup it prepares the store (indices) in the background, retrying
/// while Elasticsearch is down; the readiness check `statistics-indices`
/// passes once done, and API calls answer 503 until then.
public enum DataCollectorService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("datacollector")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let statistics = scaffold.stores.statistics
        let preparation = StartupRetryService(name: "statistics-indices", logger: scaffold.logger) {
            try await statistics.prepare()
        }
        scaffold.health.addReadinessCheck(preparation.name) { preparation.readinessCheck() }
        let router = scaffold.makeAuthenticatedRouter()
        DataCollectorRoutes(statistics: statistics, preparation: preparation).register(on: router)
        var app = scaffold.makeApplication(router: router)
        app.addServices(preparation)
        return app
    }
}
