import GWSAuth
import Foundation
import GWSConfigData
import GWSServiceKit
import GWSSpec
import GWSStores
import Hummingbird

/// The `auth` role: stand-in for Genesys Authentication (`/auth/v3`, OAuth2).
///
/// Access tokens are HS256 JWTs signed with the key in the file named by
/// `GWS_AUTH_JWT_SECRET_FILE` (without one, a random per-process key is used
/// and a warning logged). API clients live in PostgreSQL (migrations `auth`,
/// applied in the background with retries), refresh tokens in Redis, and
/// passwords are checked by the Configuration service, found through Consul.
/// Routes: see ``AuthRoutes``.
public enum AuthService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("auth")

    /// Hashes API client secrets. They are 256 random bits, so brute force is
    /// out of reach at any round count; fewer rounds than for human passwords
    /// keep every token request cheap.
    static let clientSecretHasher = PasswordHasher(rounds: 10_000)

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let locator = scaffold.peerLocator(for: configurationServiceName)
        return buildApplication(scaffold, locator: locator, key: loadKey(scaffold))
    }

    /// The application with Configuration found by `locator`, signing with `key`.
    static func buildApplication(
        _ scaffold: ServiceScaffold, locator: any PeerServiceLocator, key: TokenKey,
        hasher: PasswordHasher = AuthService.clientSecretHasher
    ) -> Application<RouterResponder<GWSRequestContext>> {
        let router = scaffold.makeRouter(openAPI: AuthOpenAPI.document)
        let http = PeerServiceClient.makeHTTPClient()
        var configuration = PeerServiceClient(http: http, locator: locator, logger: scaffold.logger)
        configuration.token = ServiceTokenMinter(signer: TokenSigner(key: key)).token(tenant:)
        var migrations: StartupRetryService?
        var clients: AuthClientStore?
        if let postgres = scaffold.stores.postgres {
            let logger = scaffold.logger
            let step = StartupRetryService(name: "migrations", logger: logger) {
                try await MigrationRunner(store: postgres, logger: logger)
                    .migrate(service: AuthMigrations.service, migrations: AuthMigrations.all)
            }
            scaffold.health.addReadinessCheck(step.name) { step.readinessCheck() }
            migrations = step
            clients = AuthClientStore(postgres: postgres, hasher: hasher)
        }
        let issuer = AuthTokenIssuer(
            signer: TokenSigner(key: key), persons: AuthPersonDirectory(configuration: configuration),
            refreshTokens: scaffold.stores.redis.map { AuthRefreshTokens(redis: $0) })
        AuthRoutes(
            clients: clients, issuer: issuer, verifier: TokenVerifier(key: key), migrations: migrations,
            environmentId: scaffold.configuration.deploymentName
        ).register(on: router)
        var app = scaffold.makeApplication(router: router)
        app.addServices(HTTPClientService(client: http))
        if let migrations { app.addServices(migrations) }
        return app
    }

    /// The key of `GWS_AUTH_JWT_SECRET_FILE`, or a random one (logged) when unset or unreadable.
    static func loadKey(_ scaffold: ServiceScaffold) -> TokenKey {
        if let key = scaffold.loadTokenKey() { return key }
        scaffold.logger.warning("signing with a random per-process key: no other service can verify its tokens")
        return .random()
    }
}
