import GWSAuth
import GWSCometD
import GWSServiceKit
import GWSStores
import GWSVoice
import Hummingbird
import Logging
import Synchronization

/// Workspace's CometD endpoint `/workspace/v3/notifications`.
///
/// A handshake is authenticated by the `WORKSPACE_SESSIONID` cookie (what the
/// agent desktop sends), or a bearer token in `Authorization` or in the
/// handshake's `ext.authorization` / `ext.access_token`. Clients of the same
/// user share one identity (`tenant\userName`), so an event reaches every
/// desktop of the agent. A client that subscribes gets the current state at
/// once: the initialization result, and `ServiceStateChanged` plus the DN and
/// its calls (`CallRecovered`) when logged in — which is also how a client
/// that re-handshakes on another instance after losing its own catches up.
enum WorkspaceNotifications {
    static let path = "/workspace/v3/notifications"

    static func makeServer(
        context: WorkspaceContext, verifier: TokenVerifier?, logger: Logger,
        configuration: CometDConfiguration = CometDConfiguration(path: path)
    ) -> CometDServer {
        let box = ServerBox()
        let server = CometDServer(
            configuration: configuration,
            hooks: CometDHooks(
                authenticate: { request, handshake in
                    try await identity(of: request, handshake: handshake, context: context, verifier: verifier)
                },
                authorizeSubscription: { _, channel in channel.hasPrefix("/workspace/v3/") },
                onSubscribe: { identity, channel in
                    guard let server = box.server else { return }
                    await catchUp(identity, channel: channel, context: context, server: server, logger: logger)
                }),
            logger: logger)
        box.server = server
        return server
    }

    /// Who is handshaking; nil (denied) when nothing valid identifies them.
    static func identity(
        of request: Request, handshake: BayeuxMessage, context: WorkspaceContext, verifier: TokenVerifier?
    ) async throws -> CometDIdentity? {
        if let id = request.cookies[WorkspaceContext.cookieName]?.value, let sessions = context.sessions,
            let session = try await sessions.session(id: id)
        {
            return CometDIdentity(tenant: session.tenant, userName: session.userName)
        }
        guard let verifier, let token = bearerToken(request: request, handshake: handshake),
            let claims = try? verifier.verify(token)
        else { return nil }
        return CometDIdentity(tenant: claims.tenant, userName: claims.userName)
    }

    /// The bearer token of the `Authorization` header or of the handshake's `ext`.
    static func bearerToken(request: Request, handshake: BayeuxMessage) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        for key in ["authorization", "access_token"] {
            if let value = handshake.ext?[key]?.stringValue, !value.isEmpty {
                return value.lowercased().hasPrefix("bearer ") ? String(value.dropFirst(7)) : value
            }
        }
        return nil
    }

    /// Sends a new subscriber the current state of the channel it subscribed to.
    static func catchUp(
        _ identity: CometDIdentity, channel: String, context: WorkspaceContext, server: CometDServer, logger: Logger
    ) async {
        func covers(_ target: String) -> Bool {
            channel == target || channel == "/workspace/v3/*" || channel == "/workspace/v3/**"
        }
        do {
            if covers(WorkspaceContext.initializationChannel), let sessions = context.sessions,
                let session = try await sessions.latestSession(tenant: identity.tenant, userName: identity.userName)
            {
                server.deliver(
                    channel: WorkspaceContext.initializationChannel, data: try WorkspaceInitialization.complete(session),
                    to: identity)
            }
            if covers(AgentNotification.voiceChannel), let voice = context.voice {
                let record = try await voice.record(tenant: identity.tenant, userName: identity.userName)
                guard record.isLoggedIn else { return }
                let events = [VoiceEvent.serviceStateChanged(ServiceStateChanged(serviceState: .available))]
                    + record.recoveryEvents()
                for event in events {
                    server.deliver(channel: AgentNotification.voiceChannel, data: event.json, to: identity)
                }
            }
        } catch {
            logger.warning("could not send the current state to a new subscriber", metadata: ["error": "\(error)"])
        }
    }
}

/// Lets the subscription hook reach the server it belongs to (set once, right after creation).
private final class ServerBox: Sendable {
    private let value = Mutex<CometDServer?>(nil)

    var server: CometDServer? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
