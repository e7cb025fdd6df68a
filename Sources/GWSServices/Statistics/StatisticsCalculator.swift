import Foundation
import GWSServiceKit
import GWSStores
import GWSVoice

/// Computes statistics from the statistics store the Data Collector fills,
/// within one tenant (``DataCollectorTenantScope``):
///
/// | name | objectType | value |
/// |---|---|---|
/// | CurrentAgentState | Agent (employeeId) | `{"agentState", "reasonCode"?, "since"?}`; LoggedOut without `since` when nothing is recorded |
/// | AgentsReady | AgentGroup (name) | agents of the group in Ready |
/// | CallsInProgress | Agent, AgentGroup, Tenant | calls Dialing, Ringing, Established or Held |
/// | TotalTalkTime | Agent | seconds talked on released and completed calls, rounded |
///
/// A store that fails answers 503 (``GWSError``).
struct StatisticsCalculator: Sendable {
    let statistics: any StatisticsStore
    /// The clock of the values' timestamps.
    var now: @Sendable () -> Date = { Date() }

    /// The values of `descriptors` for `tenant`, in order.
    func values(of descriptors: [StatisticDescriptor], tenant: String) async throws -> [StatisticValue] {
        var values: [StatisticValue] = []
        values.reserveCapacity(descriptors.count)
        for descriptor in descriptors {
            values.append(try await value(of: descriptor, tenant: tenant))
        }
        return values
    }

    /// The value of `descriptor` for `tenant`.
    func value(of descriptor: StatisticDescriptor, tenant: String) async throws -> StatisticValue {
        let scope = DataCollectorTenantScope(tenant: tenant)
        let objectId = scope.scoped(descriptor.objectId)
        let value: JSONValue
        do {
            switch (descriptor.name, descriptor.objectType) {
            case (.currentAgentState, _):
                value = Self.agentState(try await statistics.agentState(employeeId: objectId))
            case (.agentsReady, _):
                value = .int(try await statistics.agentCount(in: .ready, group: objectId))
            case (.callsInProgress, .agent):
                value = .int(try await statistics.callsInProgress(employeeId: objectId, group: nil))
            case (.callsInProgress, .agentGroup):
                value = .int(try await statistics.callsInProgress(employeeId: nil, group: objectId))
            case (.callsInProgress, .tenant):
                value = .int(try await statistics.callsInProgress(employeeId: nil, group: scope.countingGroup(nil)))
            case (.totalTalkTime, _):
                value = .int(Int(try await statistics.talkTimeSeconds(employeeId: objectId).rounded()))
            }
        } catch let error as ElasticsearchError {
            throw GWSError.storeUnavailable(error)
                ?? GWSError(.serviceUnavailable, "the statistics store cannot answer now; try again shortly")
        }
        return StatisticValue(descriptor, value: value, at: now())
    }

    /// CurrentAgentState's value for a stored state (LoggedOut when none).
    static func agentState(_ document: AgentStateDocument?) -> JSONValue {
        guard let document else { return ["agentState": .string(AgentState.loggedOut.rawValue)] }
        var value: [String: JSONValue] = [
            "agentState": .string(document.state.rawValue), "since": .string(VoiceCoding.formatDate(document.updatedAt)),
        ]
        if let reason = document.reason { value["reasonCode"] = .string(reason) }
        return .object(value)
    }
}
