import Foundation

/// Everything the Voice channel knows about one agent: its DN and its calls.
///
/// Stored as one JSON document per agent (``VoiceStateStore``), so any
/// Workspace instance can serve any agent. A record that was never stored is
/// ``init(userName:)``: logged out, no DN, version 0.
public struct VoiceRecord: Sendable, Hashable, Codable {
    /// The agent's user name (the record's key).
    public var userName: String
    /// The DN the agent is (or was last) logged in on; nil before the first login.
    public var dn: VoiceDn?
    /// The agent's calls that are not completed yet, oldest first.
    public var calls: [VoiceCall]
    /// The stored version, raised by one on every write (compare-and-set).
    public var version: Int
    /// The sequence number of the last notification published for this agent.
    public var eventSequence: Int
    /// When the record last changed.
    public var updatedAt: Date?

    /// A record for an agent that never logged in.
    public init(userName: String) {
        self.init(userName: userName, dn: nil, calls: [], version: 0, eventSequence: 0, updatedAt: nil)
    }

    public init(
        userName: String, dn: VoiceDn?, calls: [VoiceCall], version: Int, eventSequence: Int, updatedAt: Date?
    ) {
        self.userName = userName
        self.dn = dn
        self.calls = calls
        self.version = version
        self.eventSequence = eventSequence
        self.updatedAt = updatedAt
    }

    /// The agent's state (LoggedOut when it never logged in).
    public var agentState: VoiceAgentState { dn?.agentState ?? .loggedOut }

    /// Whether the agent is logged in on a DN.
    public var isLoggedIn: Bool { dn?.isLoggedIn ?? false }

    /// The DN number while logged in; nil when logged out.
    public var loggedInDn: String? { isLoggedIn ? dn?.number : nil }

    /// The agent's employee id, when it gave one at login.
    public var employeeId: String? { dn?.employeeId }

    /// The call with this id, if the agent has it.
    public func call(id: String) -> VoiceCall? {
        calls.first { $0.id == id }
    }

    /// Calls that still have a connection (they keep the agent from logging out).
    public var activeCalls: [VoiceCall] { calls.filter { $0.state.isActive } }

    /// The events a client that lost its notifications (a new CometD session,
    /// a Workspace instance that went away) needs to rebuild its view: the
    /// DN's state, then each call as `CallRecovered`.
    public func recoveryEvents() -> [VoiceEvent] {
        guard let dn else { return [] }
        return [.dnStateChanged(DnStateChanged(dn: dn))]
            + calls.map { .callStateChanged(CallStateChanged(notificationType: .callRecovered, call: $0)) }
    }
}
