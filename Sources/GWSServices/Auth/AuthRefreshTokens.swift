import GWSAuth
import Foundation
import GWSConfigData
import GWSStores

/// What a refresh token stands for: the grant it renews.
struct AuthGrant: Codable, Sendable, Equatable {
    var sub: String
    var userName: String
    var tenant: String
    var authorities: [String]
    var clientId: String
    var scope: String
}

/// Refresh tokens: random opaque values kept in Redis (under their SHA-256)
/// with a TTL; each is single-use: redeeming it deletes it atomically
/// (`GETDEL`), and the caller issues a new one (rotation).
struct AuthRefreshTokens: Sendable {
    let redis: RedisClient
    /// How long an unused refresh token lives, in seconds.
    var lifetime: Int = 12 * 3600

    private static func key(_ token: String) -> String { "auth:refresh:" + SecureRandom.sha256Hex(token) }

    /// A new refresh token for `grant`.
    func issue(_ grant: AuthGrant) async throws -> String {
        let token = SecureRandom.opaqueToken()
        let json = String(decoding: try JSONEncoder().encode(grant), as: UTF8.self)
        try await redis.set(Self.key(token), to: json, expiration: .seconds(lifetime))
        return token
    }

    /// The grant of `token`, which is consumed; nil when unknown, used or expired.
    func redeem(_ token: String) async throws -> AuthGrant? {
        let reply = try await redis.command(["GETDEL", Self.key(token)])
        guard let json = reply.string else { return nil }
        return try? JSONDecoder().decode(AuthGrant.self, from: Data(json.utf8))
    }
}
