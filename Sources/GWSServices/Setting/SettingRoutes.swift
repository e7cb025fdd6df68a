import GWSServiceKit
import GWSStores
import Hummingbird

/// The Setting API under `/setting/v3/agents/{agentId}`: favorites (keyed by
/// item id) and recents (newest first, the newest 50 kept).
struct SettingRoutes: Sendable {
    /// The store, or nil when no PostgreSQL is configured (every call answers 503).
    let store: SettingStore?
    /// The migrations step; calls answer 503 until it is done.
    let migrations: StartupRetryService?

    func register(on router: Router<GWSRequestContext>) {
        let agent = router.group("/setting/v3/agents/:agentId")
        agent.get("favorites") { request, context in
            let (store, tenant, agentId) = try scope(request, context)
            let items = try await store.favorites(tenant: tenant, agentId: agentId)
            return GWSEnvelope(data: SettingFavoritesData(favorites: items))
        }
        agent.put("favorites/:itemId") { request, context in
            let (store, tenant, agentId) = try scope(request, context)
            let itemId = try RequestInput.parameter("itemId", context)
            let fields = try SettingItem.validated(
                try await RequestInput.data([String: JSONValue].self, from: request, context: context))
            let item = try await store.putFavorite(tenant: tenant, agentId: agentId, itemId: itemId, fields: fields)
            return GWSEnvelope(data: SettingFavoriteData(favorite: item))
        }
        agent.delete("favorites/:itemId") { request, context in
            let (store, tenant, agentId) = try scope(request, context)
            let itemId = try RequestInput.parameter("itemId", context)
            guard try await store.deleteFavorite(tenant: tenant, agentId: agentId, itemId: itemId) else {
                throw GWSError(.notFound, "favorite \(itemId) not found")
            }
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
        agent.get("recents") { request, context in
            let (store, tenant, agentId) = try scope(request, context)
            let limit = try RequestInput.integer(
                "limit", of: request, default: SettingStore.recentsKept, in: 1...SettingStore.recentsKept)
            let items = try await store.recents(tenant: tenant, agentId: agentId, limit: limit)
            return GWSEnvelope(data: SettingRecentsData(recents: items))
        }
        agent.post("recents") { request, context in
            let (store, tenant, agentId) = try scope(request, context)
            let fields = try SettingItem.validated(
                try await RequestInput.data([String: JSONValue].self, from: request, context: context))
            let item = try await store.addRecent(tenant: tenant, agentId: agentId, fields: fields)
            return GWSEnvelope(data: SettingRecentData(recent: item))
        }
    }

    /// The store (503 when unusable), the tenant and the agent of a request.
    private func scope(_ request: Request, _ context: GWSRequestContext) throws -> (SettingStore, String, String) {
        let tenant = try RequestInput.tenant(request)
        let agentId = try RequestInput.parameter("agentId", context)
        guard let store else {
            throw GWSError(.serviceUnavailable, "no PostgreSQL is configured for the Setting service")
        }
        try migrations?.requireDone()
        return (store, tenant, agentId)
    }
}
