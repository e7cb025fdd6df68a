import GWSAuth
import GWSServiceKit
import GWSSpec
import GWSStores
import Hummingbird

/// The `setting` role: the Setting service (`/setting/v3`): agents' favorites
/// and recents in PostgreSQL (database `gws`).
///
/// At startup it applies the `setting` migrations in the background, retrying
/// while PostgreSQL is down (the process never crashes for it); the readiness
/// check `migrations` passes once they are applied, and API calls answer 503
/// until then.
public enum SettingService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("setting")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeAuthenticatedRouter(openAPI: SettingOpenAPI.document)
        var migrations: StartupRetryService?
        var store: SettingStore?
        if let postgres = scaffold.stores.postgres {
            let logger = scaffold.logger
            let step = StartupRetryService(name: "migrations", logger: logger) {
                try await MigrationRunner(store: postgres, logger: logger)
                    .migrate(service: SettingMigrations.service, migrations: SettingMigrations.all)
            }
            scaffold.health.addReadinessCheck(step.name) { step.readinessCheck() }
            migrations = step
            store = SettingStore(postgres: postgres, logger: logger)
        }
        SettingRoutes(store: store, migrations: migrations).register(on: router)
        var app = scaffold.makeApplication(router: router)
        if let migrations { app.addServices(migrations) }
        return app
    }
}
