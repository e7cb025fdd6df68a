import Foundation

/// Sessions: `/v1/session/create`, `/renew`, `/destroy`, `/info`, `/list`.
extension ConsulClient {
    /// Creates a session and returns its id: `PUT /v1/session/create`.
    public func createSession(_ request: ConsulSessionRequest = .init()) async throws -> String {
        let body = try JSONEncoder().encode(request)
        let (url, _, answer) = try await send(.PUT, "/v1/session/create", body: Array(body))
        return try decode(SessionCreated.self, from: answer, url: url).id
    }

    /// Restarts a session's TTL: `PUT /v1/session/renew/:id`. Returns the session, or `nil` when Consul
    /// answers 404 (the session expired or was destroyed: its locks are gone).
    public func renewSession(_ id: String) async throws -> ConsulSession? {
        let (url, _, body) = try await send(.PUT, "/v1/session/renew/\(Self.escape(id))", allow404: true)
        guard let body else { return nil }
        return try decode([ConsulSession].self, from: body, url: url).first
    }

    /// Destroys a session, releasing (or deleting) the keys it holds, with their lock-delay:
    /// `PUT /v1/session/destroy/:id`. Release the keys first (``kvRelease(_:session:value:)``) to hand them
    /// over without a lock-delay.
    public func destroySession(_ id: String) async throws {
        _ = try await send(.PUT, "/v1/session/destroy/\(Self.escape(id))")
    }

    /// The session `id`, or `nil` when it does not exist: `GET /v1/session/info/:id`.
    public func sessionInfo(_ id: String) async throws -> ConsulSession? {
        let (url, _, body) = try await send(.GET, "/v1/session/info/\(Self.escape(id))")
        return try decode([ConsulSession].self, from: body, url: url).first
    }

    /// Every live session: `GET /v1/session/list`.
    public func sessions() async throws -> [ConsulSession] {
        let (url, _, body) = try await send(.GET, "/v1/session/list")
        return try decode([ConsulSession]?.self, from: body, url: url) ?? []
    }
}
