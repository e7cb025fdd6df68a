import Foundation
import GWSServiceKit
import Hummingbird

/// `PUT|GET <basePath>/agents/{agentId}/state`: the small per-agent state
/// cache Voice and Ixn keep in Redis through ``SessionStore``, so a second
/// instance sees what the first wrote.
struct SessionAgentStateRoutes: Sendable {
    /// `/voice/v3` or `/ixn/v3`.
    let basePath: String
    /// The key segment (`voice`, `ixn`).
    let channel: String
    /// Nil when no Redis is configured (every call answers 503).
    let store: SessionStore?

    /// The body of a state change.
    struct Change: Decodable {
        var state: SessionAgentState.State
        var reason: String?
        var agentWorkMode: String?
    }

    /// `data` of both calls.
    struct StateData: Codable, Sendable {
        var agentState: SessionAgentState
    }

    func register(on router: Router<GWSRequestContext>) {
        let agent = router.group(RouterPath(basePath + "/agents/:agentId"))
        agent.put("state") { request, context in
            let (store, tenant, agentId) = try scope(request, context)
            let change = try await RequestInput.data(Change.self, from: request, context: context)
            let state = SessionAgentState(
                agentId: agentId, state: change.state, reason: change.reason, agentWorkMode: change.agentWorkMode,
                updatedAt: Date())
            try await store.putAgentState(state, tenant: tenant, channel: channel)
            return GWSEnvelope(data: StateData(agentState: state))
        }
        agent.get("state") { request, context in
            let (store, tenant, agentId) = try scope(request, context)
            guard let state = try await store.agentState(tenant: tenant, channel: channel, agentId: agentId) else {
                throw GWSError(.notFound, "no \(channel) state recorded for agent \(agentId)")
            }
            return GWSEnvelope(data: StateData(agentState: state))
        }
    }

    private func scope(_ request: Request, _ context: GWSRequestContext) throws -> (SessionStore, String, String) {
        let tenant = try RequestInput.tenant(request)
        let agentId = try RequestInput.parameter("agentId", context)
        guard let store else { throw GWSError(.serviceUnavailable, "no Redis is configured for this service") }
        return (store, tenant, agentId)
    }
}
