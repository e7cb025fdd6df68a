import Foundation
import GWSVoice

/// What the Data Collector changed in the statistics store, published as JSON
/// on Redis channel `gws:stats:<tenant>` after each write, so that every
/// Statistics instance recomputes the statistics it affects:
///
/// `{"tenant": "acme", "employeeId": "e1", "kind": "agentState"|"call", "groups": ["Sales"], "callId"?: "…", "at": "…Z"}`
///
/// `employeeId` and `groups` are the client's names (not the store's
/// tenant-scoped ones).
struct StatisticsChange: Codable, Sendable, Hashable {
    /// What was written.
    enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// An agent's state (CurrentAgentState, AgentsReady).
        case agentState
        /// A call (CallsInProgress, TotalTalkTime).
        case call
    }

    /// The Redis pattern matching every tenant's channel (for `PSUBSCRIBE`).
    static let busPattern = "gws:stats:*"

    /// The Redis channel of `tenant`'s changes: `gws:stats:<tenant>`.
    static func busChannel(tenant: String) -> String { "gws:stats:\(tenant)" }

    /// The tenant.
    var tenant: String
    /// The agent whose state or call changed.
    var employeeId: String
    /// What was written.
    var kind: Kind
    /// The agent groups the agent belongs to.
    var groups: [String]
    /// The call, for call changes.
    var callId: String?
    /// When the change happened.
    var at: Date

    /// The message as published.
    func jsonString() throws -> String { try VoiceCoding.string(of: self) }

    /// Reads a published message.
    init(jsonString: String) throws {
        self = try VoiceCoding.decode(StatisticsChange.self, from: jsonString)
    }

    init(tenant: String, employeeId: String, kind: Kind, groups: [String], callId: String? = nil, at: Date) {
        self.tenant = tenant
        self.employeeId = employeeId
        self.kind = kind
        self.groups = groups
        self.callId = callId
        self.at = at
    }
}
