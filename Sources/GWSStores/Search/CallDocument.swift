import Foundation

/// One call of one agent, as the statistics services count it; stored under
/// its `callId`, so each put replaces the call's previous version (unless
/// that one is newer, see ``StatisticsStore/putCall(_:)``).
public struct CallDocument: Sendable, Hashable, Codable {
    /// A call's state, as the voice channel reports it (`call.state`).
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case dialing = "Dialing"
        case ringing = "Ringing"
        case established = "Established"
        case held = "Held"
        case released = "Released"
        case completed = "Completed"

        /// The states of a call in progress: it still has a connection.
        public static let inProgress: [State] = [.dialing, .ringing, .established, .held]
        /// The states of a finished call, whose talk time is final.
        public static let finished: [State] = [.released, .completed]

        /// Whether a call in this state is in progress.
        public var isInProgress: Bool { Self.inProgress.contains(self) }
    }

    /// The call's id: the document's key.
    public var callId: String
    /// The employee id of the agent whose DN the call is on.
    public var employeeId: String
    /// The call's state.
    public var state: State
    /// Inbound, Outbound, Internal or Consult (as the voice channel says).
    public var callType: String
    /// The agent groups the agent belonged to when the call was recorded.
    public var group: [String]
    /// When the call appeared on the DN.
    public var createdAt: Date
    /// When it was first answered, if ever.
    public var establishedAt: Date?
    /// When it was released, if it was.
    public var releasedAt: Date?
    /// Seconds of conversation, once the call was released after being answered.
    public var talkSeconds: Double?
    /// When the call last changed: an older version never replaces a newer one.
    public var updatedAt: Date

    public init(
        callId: String, employeeId: String, state: State, callType: String, group: [String] = [],
        createdAt: Date, establishedAt: Date? = nil, releasedAt: Date? = nil, talkSeconds: Double? = nil,
        updatedAt: Date
    ) {
        self.callId = callId
        self.employeeId = employeeId
        self.state = state
        self.callType = callType
        self.group = group
        self.createdAt = createdAt
        self.establishedAt = establishedAt
        self.releasedAt = releasedAt
        self.talkSeconds = talkSeconds
        self.updatedAt = updatedAt
    }
}
