import GWSAuth
import GWSServiceKit
import Hummingbird

/// The Provisioning API under `/provisioning/v3`, in the GWS envelope, the
/// tenant taken from `X-GWS-Tenant` (tokens replace it later):
///
/// - `POST /initialize-provisioning` → `{sessionId}` and a `PROVISIONING_SESSIONID` cookie;
/// - `GET|POST /objects/users` (`?limit=1…1000&offset&filterName`), `GET|PUT|DELETE /objects/users/{dbid}`;
/// - `GET|POST /objects/skills`, `/objects/agent-groups`.
///
/// Everything is read and written in the Configuration service; its 400, 404
/// and 409 answers keep their status and message, and when it cannot be
/// reached the answer is 503 naming it.
struct ProvisioningRoutes: Sendable {
    static let basePath = "/provisioning/v3"
    static let cookieName = "PROVISIONING_SESSIONID"
    let users: ProvisioningUsers
    let sessions: ProvisioningSessions

    var configuration: PeerServiceClient { users.configuration }

    func register(on router: Router<GWSRequestContext>) {
        let api = router.group(RouterPath(Self.basePath))
            .add(middleware: RequireAuthorityMiddleware<GWSRequestContext>(anyOf: ["ROLE_ADMIN"], action: "provisioning"))
        api.post("initialize-provisioning") { request, _ in
            let tenant = try RequestInput.tenant(request)
            let id = await sessions.create(tenant: tenant)
            let cookie = Cookie(name: Self.cookieName, value: id, path: Self.basePath, httpOnly: true, sameSite: .strict)
            return EditedResponse(
                headers: [.setCookie: cookie.description], response: GWSEnvelope(data: ProvisioningSessionData(sessionId: id)))
        }
        registerUsers(on: api)
        registerObjects(on: api)
    }

    private func registerUsers(on api: RouterGroup<GWSRequestContext>) {
        api.get("objects/users") { request, _ in
            let tenant = try RequestInput.tenant(request)
            let limit = try RequestInput.integer("limit", of: request, default: 100, in: 1...1000)
            let offset = try RequestInput.integer("offset", of: request, default: 0, in: 0...Int(Int32.max))
            let filter = request.uri.queryParameters.get("filterName")
            return GWSEnvelope(data: try await users.list(tenant: tenant, limit: limit, offset: offset, filterName: filter))
        }
        api.post("objects/users") { request, context in
            let tenant = try RequestInput.tenant(request)
            let input = try await RequestInput.data(ProvisioningUserInput.self, from: request, context: context)
            return GWSEnvelope(data: ProvisioningDBIDData(dbid: try await users.create(tenant: tenant, input)))
        }
        api.get("objects/users/:dbid") { request, context in
            let tenant = try RequestInput.tenant(request)
            let dbid = try ConfigurationRoutes.dbid(context)
            return GWSEnvelope(data: ProvisioningUserData(user: try await users.user(tenant: tenant, dbid: dbid)))
        }
        api.put("objects/users/:dbid") { request, context in
            let tenant = try RequestInput.tenant(request)
            let dbid = try ConfigurationRoutes.dbid(context)
            let input = try await RequestInput.data(ProvisioningUserInput.self, from: request, context: context)
            try await users.update(tenant: tenant, dbid: dbid, input)
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
        api.delete("objects/users/:dbid") { request, context in
            let tenant = try RequestInput.tenant(request)
            let dbid = try ConfigurationRoutes.dbid(context)
            try await users.delete(tenant: tenant, dbid: dbid)
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
    }

    private func registerObjects(on api: RouterGroup<GWSRequestContext>) {
        api.get("objects/skills") { request, _ in
            let tenant = try RequestInput.tenant(request)
            let reply = try await configuration.get("/skills", tenant: tenant, as: ConfigurationSkillsReply.self)
            return GWSEnvelope(data: ProvisioningSkillsData(skills: reply.skills.map { .init(dbid: $0.dbid, name: $0.name) }))
        }
        api.post("objects/skills") { request, context in
            let tenant = try RequestInput.tenant(request)
            let input = try await RequestInput.data(ProvisioningNameInput.self, from: request, context: context)
            let reply = try await configuration.send(.post, "/skills", tenant: tenant, body: input, as: ConfigurationSkillReply.self)
            return GWSEnvelope(data: ProvisioningDBIDData(dbid: reply.skill.dbid))
        }
        api.get("objects/agent-groups") { request, _ in
            let tenant = try RequestInput.tenant(request)
            let reply = try await configuration.get("/agent-groups", tenant: tenant, as: ConfigurationAgentGroupsReply.self)
            let groups = reply.agentGroups.map { ProvisioningNamedObject(dbid: $0.dbid, name: $0.name) }
            return GWSEnvelope(data: ProvisioningAgentGroupsData(agentGroups: groups))
        }
        api.post("objects/agent-groups") { request, context in
            let tenant = try RequestInput.tenant(request)
            let input = try await RequestInput.data(ProvisioningNameInput.self, from: request, context: context)
            let reply = try await configuration.send(
                .post, "/agent-groups", tenant: tenant, body: input, as: ConfigurationAgentGroupReply.self)
            return GWSEnvelope(data: ProvisioningDBIDData(dbid: reply.agentGroup.dbid))
        }
    }
}
