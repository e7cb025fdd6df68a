import GWSStores
import Logging

/// API clients in PostgreSQL (`auth_clients`); secrets are stored only as
/// PBKDF2 hashes and returned once, at creation. Public clients (browser apps
/// such as Agent Setup) have no secret and may only use user grants.
public struct AuthClientStore: Sendable {
    let postgres: PostgresStore
    let hasher: PasswordHasher

    public init(postgres: PostgresStore, hasher: PasswordHasher) {
        self.postgres = postgres
        self.hasher = hasher
    }

    /// Registers a confidential client with `secret`; nil when `clientId` is taken.
    public func create(
        clientId: String, tenant: String, name: String, scopes: [String], secret: String
    ) async throws -> (AuthClient, secret: String)? {
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

    /// Registers a public client (no secret) or leaves an existing one as it is;
    /// false when `clientId` belongs to a confidential client.
    public func ensurePublic(clientId: String, tenant: String, name: String, scopes: [String] = ["*"]) async throws -> Bool {
        let joined = scopes.joined(separator: " ")
        try await postgres.query("""
            INSERT INTO auth_clients (client_id, secret_hash, tenant, name, scopes, public)
            VALUES (\(clientId), '', \(tenant), \(name), \(joined), true)
            ON CONFLICT (client_id) DO NOTHING
            """)
        return try await publicClient(clientId: clientId) != nil
    }

    /// The client when `secret` is its secret; nil otherwise (same work either way).
    public func authenticate(clientId: String, secret: String) async throws -> AuthClient? {
        let rows = try await postgres.query("""
            SELECT secret_hash, tenant, name, scopes FROM auth_clients WHERE client_id = \(clientId) AND NOT public
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

    /// The public client `clientId`; nil when there is none (or it is confidential).
    public func publicClient(clientId: String) async throws -> AuthClient? {
        let rows = try await postgres.query("""
            SELECT tenant, name, scopes FROM auth_clients WHERE client_id = \(clientId) AND public
            """)
        guard let row = rows.first else { return nil }
        let (tenant, name, scopes) = try row.decode((String, String, String).self)
        let list = scopes.split(separator: " ").map(String.init)
        return AuthClient(clientId: clientId, tenant: tenant, name: name, scopes: list, isPublic: true)
    }
}
