import Foundation
import GWSAuth
import GWSServiceKit
import GWSStores
import GWSVoice
import Hummingbird

/// The Workspace session API under `/workspace/v3` (bearer token required):
/// - `POST initialize-workspace` → code 1 and the `WORKSPACE_SESSIONID`
///   cookie; `WorkspaceInitializationComplete` follows on CometD channel
///   `/workspace/v3/initialization` (and is sent again to late subscribers);
/// - `GET current-session` → the user and their active voice session;
/// - `POST activate-channels` `{data{agentId?, placeName|dn?, agentWorkMode?}}`
///   → logs the agent in on the DN (their default place's when none is named),
///   code 1, then `ServiceStateChanged` and `DnStateChanged` on `/workspace/v3/voice`;
/// - `POST logout` → logs the agent out of voice and ends the session.
struct WorkspaceRoutes: Sendable {
    let context: WorkspaceContext

    /// The body of `activate-channels`.
    struct ActivateChannels: Decodable, Sendable {
        var agentId: String?
        var placeName: String?
        var dn: String?
        var agentWorkMode: AgentWorkMode?
    }

    func register(on router: Router<GWSRequestContext>) {
        let api = router.group(RouterPath(WorkspaceContext.basePath))
        api.post("initialize-workspace") { request, _ in
            let session = try await initialize()
            let cookie = Cookie(
                name: WorkspaceContext.cookieName, value: session.id, path: WorkspaceContext.basePath, httpOnly: true,
                sameSite: .lax)
            try await context.publish(WorkspaceInitialization.complete(session), channel: WorkspaceContext.initializationChannel, for: session)
            return EditedResponse(
                headers: [.setCookie: cookie.description],
                response: GWSEnvelope(status: GWSStatus(code: 1), data: WorkspaceInitialization.userData(session)))
        }
        api.get("current-session") { request, _ in
            let session = try await context.requireSession(request)
            let record = try await mappingVoiceErrors { try await context.requireVoice().record(tenant: session.tenant, userName: session.userName) }
            return GWSEnvelope(data: WorkspaceCurrentSession(session: session, record: record))
        }
        api.post("activate-channels") { request, requestContext in
            let session = try await context.requireSession(request)
            let input = try await RequestInput.data(ActivateChannels.self, from: request, context: requestContext)
            let dn = try await resolveDN(input, session: session)
            let agentId = input.agentId ?? session.agentLogin ?? session.employeeId
            let voice = try context.requireVoice()
            try await mappingVoiceErrors {
                try await voice.publish(
                    [.serviceStateChanged(ServiceStateChanged(serviceState: .available))], tenant: session.tenant,
                    userName: session.userName, employeeId: session.employeeId)
                _ = try await voice.execute(
                    .login(dn: dn, agentId: agentId, employeeId: session.employeeId, workMode: input.agentWorkMode),
                    tenant: session.tenant, userName: session.userName)
            }
            return GWSEnvelope<GWSNoData>(status: GWSStatus(code: 1))
        }
        api.post("logout") { request, _ in
            let session = try await context.requireSession(request)
            let voice = try context.requireVoice()
            let record = try await voice.record(tenant: session.tenant, userName: session.userName)
            if record.isLoggedIn {
                _ = try await mappingVoiceErrors { try await voice.execute(.logout, tenant: session.tenant, userName: session.userName) }
            }
            try await context.requireSessions().deleteSession(session)
            let expired = Cookie(
                name: WorkspaceContext.cookieName, value: "", maxAge: 0, path: WorkspaceContext.basePath, httpOnly: true,
                sameSite: .lax)
            return EditedResponse(headers: [.setCookie: expired.description], response: GWSEnvelope<GWSNoData>(status: .ok))
        }
    }

    /// Creates the session of the token's user, with their Configuration record.
    private func initialize() async throws -> WorkspaceSession {
        let claims = try AuthenticatedRequest.requireClaims()
        guard let dbid = Int(claims.sub) else {
            throw GWSError(.forbidden, "the Workspace API is for users: this token belongs to the API client \(claims.clientId)")
        }
        let person = try await context.directory.person(tenant: claims.tenant, dbid: dbid)
        let session = WorkspaceSession(
            id: WorkspaceSession.makeID(), tenant: claims.tenant, userName: person.userName, dbid: person.dbid,
            employeeId: person.employeeId, firstName: person.firstName, lastName: person.lastName,
            agentLogin: person.agentLogin, defaultPlace: person.defaultPlace, createdAt: Date())
        try await context.requireSessions().createSession(session)
        return session
    }

    /// The DN to log in on: `dn`, else the named place's, else the default place's.
    private func resolveDN(_ input: ActivateChannels, session: WorkspaceSession) async throws -> String {
        if let dn = input.dn, !dn.isEmpty { return dn }
        guard let placeName = input.placeName ?? session.defaultPlace, !placeName.isEmpty else {
            throw GWSError(.badRequest, "data.placeName or data.dn is required: the user has no default place")
        }
        guard let place = try await context.directory.place(tenant: session.tenant, name: placeName) else {
            throw GWSError(.notFound, "no place \(placeName) in this tenant")
        }
        guard let dn = place.dn, !dn.isEmpty else {
            throw GWSError(.badRequest, "place \(placeName) has no DN")
        }
        return dn
    }
}
