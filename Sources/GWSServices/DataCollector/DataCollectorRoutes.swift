import Foundation
import GWSServiceKit
import GWSStores
import Hummingbird

/// The Data Collector API under `/datacollector/v3`: agent states (written to
/// the statistics store, counted by state) and contacts (searched by text).
struct DataCollectorRoutes: Sendable {
    typealias P = DataCollectorPayloads
    /// The most contacts one search returns.
    static let maximumLimit = 100
    /// How many hits a search reads before keeping the tenant's (the store has no tenant field).
    static let searchWindow = 1000

    let statistics: any StatisticsStore
    /// The `prepare()` step; calls answer 503 until it is done.
    let preparation: StartupRetryService?

    func register(on router: Router<GWSRequestContext>) {
        let base = router.group("/datacollector/v3")
        base.put("agents/:employeeId/state") { request, context in
            let scope = try tenantScope(request)
            let employeeId = try RequestInput.parameter("employeeId", context)
            let change = try await RequestInput.data(P.AgentStateChange.self, from: request, context: context)
            let document = AgentStateDocument(
                employeeId: scope.scoped(employeeId), agentId: change.agentId ?? employeeId, state: change.state,
                reason: change.reason, group: scope.storedGroups(change.groups ?? []), updatedAt: Date())
            try await statistics.putAgentState(document)
            return GWSEnvelope(data: P.AgentStateData(agentState: view(document, employeeId: employeeId, scope: scope)))
        }
        base.get("agents/:employeeId/state") { request, context in
            let scope = try tenantScope(request)
            let employeeId = try RequestInput.parameter("employeeId", context)
            guard let document = try await statistics.agentState(employeeId: scope.scoped(employeeId)) else {
                throw GWSError(.notFound, "no state recorded for agent \(employeeId)")
            }
            return GWSEnvelope(data: P.AgentStateData(agentState: view(document, employeeId: employeeId, scope: scope)))
        }
        base.get("agent-states/counts") { request, _ in
            let scope = try tenantScope(request)
            let group = request.uri.queryParameters.get("group").flatMap { $0.isEmpty ? nil : $0 }
            let counts = try await statistics.agentStateCounts(group: scope.countingGroup(group))
            let byName = Dictionary(uniqueKeysWithValues: AgentState.allCases.map { ($0.rawValue, counts[$0]) })
            return GWSEnvelope(data: P.CountsData(group: group, counts: byName, total: counts.total))
        }
        base.put("contacts/:id") { request, context in
            let scope = try tenantScope(request)
            let id = try RequestInput.parameter("id", context)
            let change = try await RequestInput.data(P.ContactChange.self, from: request, context: context)
            let contact = ContactDocument(
                id: id, firstName: change.firstName, lastName: change.lastName,
                phoneNumbers: change.phoneNumbers ?? [], emailAddresses: change.emailAddresses ?? [])
            var stored = contact
            stored.id = scope.scoped(id)
            try await statistics.putContact(stored)
            return GWSEnvelope(data: P.ContactData(contact: contact))
        }
        base.get("contacts") { request, _ in
            let scope = try tenantScope(request)
            guard let text = request.uri.queryParameters.get("text"), !text.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw GWSError(.badRequest, "missing query parameter text")
            }
            let limit = try RequestInput.integer("limit", of: request, default: 20, in: 1...Self.maximumLimit)
            let hits = try await statistics.searchContacts(text: text, limit: Self.searchWindow)
            let contacts = hits.compactMap { hit -> ContactDocument? in
                guard let id = scope.unscoped(hit.id) else { return nil }
                var contact = hit
                contact.id = id
                return contact
            }
            return GWSEnvelope(data: P.ContactsData(contacts: Array(contacts.prefix(limit))))
        }
    }

    private func tenantScope(_ request: Request) throws -> DataCollectorTenantScope {
        let tenant = try RequestInput.tenant(request)
        try preparation?.requireDone()
        return DataCollectorTenantScope(tenant: tenant)
    }

    private func view(_ document: AgentStateDocument, employeeId: String, scope: DataCollectorTenantScope) -> P.AgentStateView {
        P.AgentStateView(
            employeeId: employeeId, agentId: document.agentId, state: document.state, reason: document.reason,
            groups: scope.clientGroups(document.group), updatedAt: document.updatedAt)
    }
}
