import Foundation
import GWSServiceKit
import GWSStores

/// Workspace sessions and per-agent state caches in Redis, shared by every
/// instance of Workspace, Voice and Ixn.
///
/// Sessions are JSON values under `gws:session:<id>` with a sliding
/// expiry: each read pushes it back by ``sessionTimeoutSeconds``. Redis
/// errors propagate (the error middleware answers 503).
struct SessionStore: Sendable {
    /// The default session timeout (30 minutes).
    static let defaultSessionTimeoutSeconds = 1800
    /// The `context.env` key overriding it (`GWS_WORKSPACE_session_timeoutSeconds`).
    static let sessionTimeoutKey = "GWS_WORKSPACE_session_timeoutSeconds"

    let redis: RedisClient
    /// Seconds a session lives after its last use.
    let sessionTimeoutSeconds: Int

    init(redis: RedisClient, sessionTimeoutSeconds: Int = Self.defaultSessionTimeoutSeconds) {
        self.redis = redis
        self.sessionTimeoutSeconds = sessionTimeoutSeconds
    }

    /// The session timeout from a role's `context.env`; the default when unset.
    static func sessionTimeout(from contextEnv: [String: String]) throws -> Int {
        guard let text = contextEnv[sessionTimeoutKey], !text.isEmpty else { return defaultSessionTimeoutSeconds }
        guard let seconds = Int(text), seconds > 0 else {
            throw ServiceConfigurationError(key: sessionTimeoutKey, value: text, reason: "expected a positive number of seconds")
        }
        return seconds
    }

    /// The Redis key of a session (`gws:session:<id>`: the id is 256 random
    /// bits, so a CometD handshake can find it from the cookie alone).
    static func sessionKey(id: String) -> String {
        "gws:session:\(id)"
    }

    /// The Redis key naming a user's latest session.
    static func userSessionKey(tenant: String, userName: String) -> String {
        "gws:\(tenant):user-session:\(userName)"
    }

    /// Stores a new session (`session.id` must be fresh) and makes it the user's latest.
    func createSession(_ session: WorkspaceSession) async throws {
        let json = String(decoding: try Self.encoder.encode(session), as: UTF8.self)
        try await redis.set(
            Self.sessionKey(id: session.id), to: json, expiration: .seconds(sessionTimeoutSeconds), condition: .ifNotExists)
        try await redis.set(
            Self.userSessionKey(tenant: session.tenant, userName: session.userName), to: session.id,
            expiration: .seconds(sessionTimeoutSeconds))
    }

    /// The session, with its expiry pushed back; nil when missing or expired.
    func session(id: String) async throws -> WorkspaceSession? {
        guard WorkspaceSession.isWellFormedID(id) else { return nil }
        let reply = try await redis.command(["GETEX", Self.sessionKey(id: id), "EX", String(sessionTimeoutSeconds)])
        guard let json = reply.string else { return nil }
        return try? Self.decoder.decode(WorkspaceSession.self, from: Data(json.utf8))
    }

    /// The user's latest session, if it is still alive.
    func latestSession(tenant: String, userName: String) async throws -> WorkspaceSession? {
        guard let id = try await redis.get(Self.userSessionKey(tenant: tenant, userName: userName)) else { return nil }
        return try await session(id: id)
    }

    /// Deletes the session; false when there was none.
    @discardableResult
    func deleteSession(_ session: WorkspaceSession) async throws -> Bool {
        let deleted = try await redis.del(Self.sessionKey(id: session.id)) > 0
        if try await redis.get(Self.userSessionKey(tenant: session.tenant, userName: session.userName)) == session.id {
            _ = try await redis.del(Self.userSessionKey(tenant: session.tenant, userName: session.userName))
        }
        return deleted
    }

    /// JSON with ISO 8601 dates, for what is kept in Redis.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Reads what ``encoder`` wrote.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
