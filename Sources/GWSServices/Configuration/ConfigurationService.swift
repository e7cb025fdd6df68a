import GWSAuth
import GWSConfigData
import GWSServiceKit
import GWSSpec
import GWSStores
import Hummingbird
import Logging

/// The `configuration` role: the Configuration service (`/configuration/v3`):
/// persons, agent groups, skills, DNs and places of every tenant, in
/// PostgreSQL (database `gws`).
///
/// At startup it applies the `configuration` migrations in the background,
/// retrying with backoff while PostgreSQL is down (the process never crashes
/// for it); the readiness check `migrations` passes once they are applied, and
/// API calls answer 503 until then. Without a bound PostgreSQL, every API call
/// answers 503. Routes: see `ConfigurationRoutes`.
///
/// `GWS_CONFIGURATION_security_passwordHashRounds` sets the PBKDF2 rounds of
/// new password hashes (default `PasswordHasher.defaultRounds`).
public enum ConfigurationService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("configuration")
    /// The context variable (after `GWS_CONFIGURATION_`) holding the PBKDF2 rounds.
    static let passwordRoundsKey = "security_passwordHashRounds"

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeAuthenticatedRouter(openAPI: ConfigurationOpenAPI.document)
        var migrations: StartupRetryService?
        var repository: ConfigurationRepository?
        if let postgres = scaffold.stores.postgres {
            let hasher = PasswordHasher(rounds: passwordRounds(scaffold.configuration, logger: scaffold.logger))
            let repo = ConfigurationRepository(store: postgres, hasher: hasher, logger: scaffold.logger)
            let step = StartupRetryService(name: "migrations", logger: scaffold.logger) {
                try await repo.migrate()
            }
            scaffold.health.addReadinessCheck(step.name) { step.readinessCheck() }
            migrations = step
            repository = repo
        }
        ConfigurationRoutes(repository: repository, migrations: migrations).register(on: router)
        var app = scaffold.makeApplication(router: router)
        if let migrations { app.addServices(migrations) }
        return app
    }

    /// The PBKDF2 rounds from the role's context variables, else the default.
    static func passwordRounds(_ configuration: ServiceConfiguration, logger: Logger) -> Int {
        let key = configuration.contextEnvPrefix + passwordRoundsKey
        guard let text = configuration.contextEnv[key], !text.isEmpty else { return PasswordHasher.defaultRounds }
        guard let rounds = Int(text), rounds > 0 else {
            logger.warning("ignoring invalid password hash rounds", metadata: ["variable": "\(key)"])
            return PasswordHasher.defaultRounds
        }
        if rounds < 100_000 {
            logger.warning("password hash rounds below 100000: fine for tests, too weak for production",
                           metadata: ["rounds": "\(rounds)"])
        }
        return rounds
    }
}
