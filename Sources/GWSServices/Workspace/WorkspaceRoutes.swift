import GWSServiceKit
import Hummingbird

/// The Workspace session API under `/workspace/v3`: `initialize-workspace`
/// (creates a session and sets the `WORKSPACE_SESSIONID` cookie),
/// `current-session` (reads it; 401 when missing or expired) and `logout`.
struct WorkspaceRoutes: Sendable {
    /// The session cookie's name.
    static let cookieName = "WORKSPACE_SESSIONID"
    /// The session cookie's path.
    static let cookiePath = "/workspace/v3"

    /// Nil when no Redis is configured (every call answers 503).
    let store: SessionStore?

    /// `data` of `initialize-workspace` and `current-session`.
    struct UserData: Codable, Sendable {
        struct User: Codable, Sendable {
            var userName: String
            var tenant: String
        }
        var user: User
    }

    func register(on router: Router<GWSRequestContext>) {
        let group = router.group(RouterPath(Self.cookiePath))
        group.post("initialize-workspace") { request, _ in
            let store = try requireStore()
            let tenant = try RequestInput.tenant(request)
            let userName = try RequestInput.user(request)
            let session = try await store.createSession(tenant: tenant, userName: userName)
            let cookie = Cookie(name: Self.cookieName, value: session.id, path: Self.cookiePath, httpOnly: true, sameSite: .lax)
            return EditedResponse(
                headers: [.setCookie: cookie.description],
                response: GWSEnvelope(data: UserData(user: .init(userName: session.userName, tenant: tenant))))
        }
        group.get("current-session") { request, _ in
            let store = try requireStore()
            let tenant = try RequestInput.tenant(request)
            guard let id = request.cookies[Self.cookieName]?.value,
                let session = try await store.session(tenant: tenant, id: id)
            else {
                throw GWSError(.unauthorized, "no valid Workspace session: initialize the workspace first")
            }
            return GWSEnvelope(data: UserData(user: .init(userName: session.userName, tenant: session.tenant)))
        }
        group.post("logout") { request, _ in
            let store = try requireStore()
            let tenant = try RequestInput.tenant(request)
            if let id = request.cookies[Self.cookieName]?.value {
                try await store.deleteSession(tenant: tenant, id: id)
            }
            let expired = Cookie(name: Self.cookieName, value: "", maxAge: 0, path: Self.cookiePath, httpOnly: true, sameSite: .lax)
            return EditedResponse(headers: [.setCookie: expired.description], response: GWSEnvelope<GWSNoData>(status: .ok))
        }
    }

    private func requireStore() throws -> SessionStore {
        guard let store else { throw GWSError(.serviceUnavailable, "no Redis is configured for the Workspace service") }
        return store
    }
}
