import GWSAuth
import GWSConfigData
import GWSStores
import Logging

/// A registered API client (without its secret).
struct AuthClient: Codable, Sendable, Equatable {
    var clientId: String
    var tenant: String
    var name: String
    /// Scopes the client may ask for; `*` allows any.
    var scopes: [String]

    /// Whether every scope in `requested` is allowed.
    func allows(_ requested: [String]) -> Bool {
        scopes.contains("*") || requested.allSatisfy(scopes.contains)
    }
}

/// API clients in PostgreSQL (`auth_clients`); secrets are stored only as
/// PBKDF2 hashes and returned once, at creation.
struct AuthClientStore: Sendable {
    let postgres: PostgresStore
    let hasher: PasswordHasher

    /// Registers a client with a fresh secret; nil when `clientId` is taken.
    func create(clientId: String, tenant: String, name: String, scopes: [String]) async throws -> (AuthClient, secret: String)? {
        let secret = SecureRandom.opaqueToken()
        let hash = try hasher.hash(secret)
        let joined = scopes.joined(separator: " ")
        let rows = try await postgres.query("""
            INSERT INTO auth_clients (client_id, secret_hash, tenant, name, scopes)
            VALUES (\(clientId), \(hash), \(tenant), \(name), \(joined))
            ON CONFLICT (client_id) DO NOTHING RETURNING client_id
            """)
        guard !rows.isEmpty else { return nil }
        return (AuthClient(clientId: clientId, tenant: tenant, name: name, scopes: scopes), secret)
    }

    /// The client when `secret` is its secret; nil otherwise (same work either way).
    func authenticate(clientId: String, secret: String) async throws -> AuthClient? {
        let rows = try await postgres.query("""
            SELECT secret_hash, tenant, name, scopes FROM auth_clients WHERE client_id = \(clientId)
            """)
        guard let row = rows.first else {
            hasher.simulateVerification(secret)
            return nil
        }
        let (hash, tenant, name, scopes) = try row.decode((String, String, String, String).self)
        guard hasher.verify(secret, against: hash) else { return nil }
        let list = scopes.split(separator: " ").map(String.init)
        return AuthClient(clientId: clientId, tenant: tenant, name: name, scopes: list)
    }
}
