import Foundation
import GWSAuth
import GWSServiceKit
import GWSStores
import GWSVoice
import Hummingbird

/// What every Workspace handler works with: the sessions, the voice model,
/// Configuration, and the bus it publishes initialization events on. Nil
/// stores answer 503.
struct WorkspaceContext: Sendable {
    /// The session cookie's name.
    static let cookieName = "WORKSPACE_SESSIONID"
    /// The session cookie's path (and the API's base path).
    static let basePath = "/workspace/v3"
    /// CometD channels.
    static let initializationChannel = "/workspace/v3/initialization"

    let sessions: SessionStore?
    let voice: VoiceController?
    let directory: WorkspaceUserDirectory

    func requireSessions() throws -> SessionStore {
        guard let sessions else { throw GWSError(.serviceUnavailable, "no Redis is configured for the Workspace service") }
        return sessions
    }

    func requireVoice() throws -> VoiceController {
        guard let voice else { throw GWSError(.serviceUnavailable, "no Redis is configured for the Workspace service") }
        return voice
    }

    /// The request's live session: its cookie names a session of the token's
    /// user; 401 otherwise (initialize the workspace first).
    func requireSession(_ request: Request) async throws -> WorkspaceSession {
        let claims = try AuthenticatedRequest.requireClaims()
        let store = try requireSessions()
        guard let id = request.cookies[Self.cookieName]?.value, let session = try await store.session(id: id),
            session.tenant == claims.tenant, session.userName == claims.userName
        else {
            throw GWSError(.unauthorized, "no valid Workspace session: initialize the workspace first")
        }
        return session
    }

    /// Publishes `data` on `channel` to every CometD client of the session's user (through the bus).
    func publish(_ data: JSONValue, channel: String, for session: WorkspaceSession) async throws {
        guard let voice else { return }
        let notification = AgentNotification(
            tenant: session.tenant, userName: session.userName, employeeId: session.employeeId, channel: channel, data: data,
            at: Date())
        _ = try await voice.store.redis.publish(try notification.jsonString(), to: AgentNotification.busChannel(tenant: session.tenant))
    }
}
