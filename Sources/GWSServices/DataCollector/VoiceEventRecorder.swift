import Foundation
import GWSStores
import GWSVoice
import Logging

/// Files the voice events of the bus in the statistics store, then announces
/// each write on `gws:stats:<tenant>` (``StatisticsChange``):
///
/// - `DnStateChanged` → the agent's state (``AgentStateDocument``, keyed by
///   employee id): Ready → Ready; NotReady and LoggedIn (logged in, not yet
///   ready) → NotReady with the reason code; LoggedOut → LoggedOut. Its
///   `updatedAt` is the DN's `stateChangedAt`.
/// - `CallStateChanged` → the call (``CallDocument``, keyed by the agent's leg
///   `<employeeId>/<callId>`, as one call can be on two agents' DNs), with its
///   timestamps and talk time; `updatedAt` is the call's `stateChangedAt`.
///
/// Both carry the agent's groups from the ``AgentDirectory`` (the groups
/// stored with the agent's last state when the directory cannot be asked),
/// and are scoped to the tenant (``DataCollectorTenantScope``). The store
/// ignores versions older than the stored one, so replays and several
/// Data Collector instances are harmless; only a write that was applied is
/// announced.
struct VoiceEventRecorder: Sendable {
    let statistics: any StatisticsStore
    let directory: any AgentDirectory
    /// Publishes `message` on a Redis channel: `(channel, message)`.
    let publish: @Sendable (_ channel: String, _ message: String) async throws -> Void
    let logger: Logger

    /// Records `notification` when it is a `DnStateChanged` or `CallStateChanged`.
    /// - Returns: the change written and announced; nil when there was nothing
    ///   to record (another event, no employee id) or a newer version is stored.
    /// - Throws: when the statistics store fails (the caller may retry).
    @discardableResult
    func record(_ notification: AgentNotification) async throws -> StatisticsChange? {
        guard let event = notification.voiceEvent else { return nil }
        let change: StatisticsChange?
        switch event {
        case .dnStateChanged(let changed): change = try await record(dn: changed.dn, of: notification)
        case .callStateChanged(let changed): change = try await record(call: changed.call, of: notification)
        case .eventError, .serviceStateChanged: return nil
        }
        if let change { await announce(change) }
        return change
    }

    /// The store's state for a voice agent state.
    static func storeState(_ state: VoiceAgentState) -> AgentState {
        switch state {
        case .ready: .ready
        case .notReady, .loggedIn: .notReady
        case .loggedOut: .loggedOut
        }
    }

    private func record(dn: VoiceDn, of notification: AgentNotification) async throws -> StatisticsChange? {
        guard let agent = try await resolve(notification, employeeId: dn.employeeId) else { return nil }
        let scope = agent.scope
        let state = Self.storeState(dn.agentState)
        let document = AgentStateDocument(
            employeeId: scope.scoped(agent.employeeId), agentId: dn.agentId, state: state,
            reason: state == .notReady ? dn.reasonCode : nil, group: scope.storedGroups(agent.groups),
            updatedAt: dn.stateChangedAt)
        guard try await statistics.putAgentState(document) else { return nil }
        return StatisticsChange(
            tenant: scope.tenant, employeeId: agent.employeeId, kind: .agentState, groups: agent.groups,
            at: dn.stateChangedAt)
    }

    private func record(call: VoiceCall, of notification: AgentNotification) async throws -> StatisticsChange? {
        guard let state = CallDocument.State(rawValue: call.state.rawValue),
              let agent = try await resolve(notification, employeeId: nil)
        else { return nil }
        let scope = agent.scope
        let times = call.timestamps
        let document = CallDocument(
            callId: scope.scoped(agent.employeeId + "/" + call.id), employeeId: scope.scoped(agent.employeeId),
            state: state, callType: call.callType.rawValue, group: scope.storedGroups(agent.groups),
            createdAt: times.createdAt, establishedAt: times.establishedAt, releasedAt: times.releasedAt,
            talkSeconds: times.talkSeconds, updatedAt: times.stateChangedAt)
        guard try await statistics.putCall(document) else { return nil }
        return StatisticsChange(
            tenant: scope.tenant, employeeId: agent.employeeId, kind: .call, groups: agent.groups, callId: call.id,
            at: times.stateChangedAt)
    }

    /// An event's agent: its employee id and groups.
    private struct ResolvedAgent {
        var scope: DataCollectorTenantScope
        var employeeId: String
        var groups: [String]
    }

    /// The employee id (the notification's, the DN's, else the directory's)
    /// and groups (the directory's, else those stored with the agent's state)
    /// of the agent of `notification`; nil when no employee id is known.
    private func resolve(_ notification: AgentNotification, employeeId: String?) async throws -> ResolvedAgent? {
        let scope = DataCollectorTenantScope(tenant: notification.tenant)
        var profile: AgentProfile?
        var lookupFailed = false
        do {
            profile = try await directory.profile(tenant: notification.tenant, userName: notification.userName)
        } catch {
            lookupFailed = true
            logger.warning(
                "cannot look up the agent's groups",
                metadata: ["tenant": "\(notification.tenant)", "user": "\(notification.userName)", "error": "\(error)"])
        }
        let candidates = [notification.employeeId, employeeId, profile?.employeeId]
        guard let id = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            logger.debug(
                "voice event without an employee id; not recorded",
                metadata: ["tenant": "\(notification.tenant)", "user": "\(notification.userName)"])
            return nil
        }
        var groups = profile?.groups ?? []
        if lookupFailed, let stored = try await statistics.agentState(employeeId: scope.scoped(id)) {
            groups = scope.clientGroups(stored.group)
        }
        return ResolvedAgent(scope: scope, employeeId: id, groups: groups)
    }

    /// Publishes `change`; a failure is logged (the store is right, only the push is lost).
    private func announce(_ change: StatisticsChange) async {
        do {
            try await publish(StatisticsChange.busChannel(tenant: change.tenant), change.jsonString())
        } catch {
            logger.warning(
                "cannot announce a statistics change",
                metadata: ["tenant": "\(change.tenant)", "employeeId": "\(change.employeeId)", "error": "\(error)"])
        }
    }
}
