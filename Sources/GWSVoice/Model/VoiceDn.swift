import Foundation

/// The agent's DN (directory number) and the agent's state on it: the `dn`
/// object of GWS's `DnStateChanged`.
///
/// Encodes as `{number, agentId, employeeId?, agentState, agentWorkMode,
/// reasonCode?, dnd, capabilities, loggedInAt?, stateChangedAt}`;
/// `capabilities` is derived from the state (``VoiceCapability/forDn(state:dnd:)``)
/// and ignored when decoding.
public struct VoiceDn: Sendable, Hashable {
    /// The DN, e.g. `"5001"`.
    public var number: String
    /// The agent login the agent logged in with (`agentId` of activate-channels).
    public var agentId: String
    /// The agent's employee id: the Statistics objectId of an Agent.
    public var employeeId: String?
    /// LoggedOut, LoggedIn, Ready or NotReady.
    public var agentState: VoiceAgentState
    /// The work mode given with the last state change (Unknown when none).
    public var agentWorkMode: AgentWorkMode
    /// The not-ready reason code, while NotReady with one.
    public var reasonCode: String?
    /// Do-not-disturb: no inbound calls are delivered while on.
    public var dnd: Bool
    /// When the agent logged in on this DN (nil once logged out).
    public var loggedInAt: Date?
    /// When `agentState`, `agentWorkMode` or `reasonCode` last changed.
    public var stateChangedAt: Date

    public init(
        number: String, agentId: String, employeeId: String? = nil, agentState: VoiceAgentState,
        agentWorkMode: AgentWorkMode = .unknown, reasonCode: String? = nil, dnd: Bool = false,
        loggedInAt: Date? = nil, stateChangedAt: Date
    ) {
        self.number = number
        self.agentId = agentId
        self.employeeId = employeeId
        self.agentState = agentState
        self.agentWorkMode = agentWorkMode
        self.reasonCode = reasonCode
        self.dnd = dnd
        self.loggedInAt = loggedInAt
        self.stateChangedAt = stateChangedAt
    }

    /// What the agent may do on this DN now.
    public var capabilities: [VoiceCapability] { VoiceCapability.forDn(state: agentState, dnd: dnd) }

    /// Whether the agent is logged in on it (any state but LoggedOut).
    public var isLoggedIn: Bool { agentState != .loggedOut }
}

extension VoiceDn: Codable {
    private enum CodingKeys: String, CodingKey {
        case number, agentId, employeeId, agentState, agentWorkMode, reasonCode, dnd, capabilities
        case loggedInAt, stateChangedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            number: try c.decode(String.self, forKey: .number),
            agentId: try c.decode(String.self, forKey: .agentId),
            employeeId: try c.decodeIfPresent(String.self, forKey: .employeeId),
            agentState: try c.decode(VoiceAgentState.self, forKey: .agentState),
            agentWorkMode: try c.decodeIfPresent(AgentWorkMode.self, forKey: .agentWorkMode) ?? .unknown,
            reasonCode: try c.decodeIfPresent(String.self, forKey: .reasonCode),
            dnd: try c.decodeIfPresent(Bool.self, forKey: .dnd) ?? false,
            loggedInAt: try c.decodeIfPresent(Date.self, forKey: .loggedInAt),
            stateChangedAt: try c.decode(Date.self, forKey: .stateChangedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(agentId, forKey: .agentId)
        try c.encodeIfPresent(employeeId, forKey: .employeeId)
        try c.encode(agentState, forKey: .agentState)
        try c.encode(agentWorkMode, forKey: .agentWorkMode)
        try c.encodeIfPresent(reasonCode, forKey: .reasonCode)
        try c.encode(dnd, forKey: .dnd)
        try c.encode(capabilities, forKey: .capabilities)
        try c.encodeIfPresent(loggedInAt, forKey: .loggedInAt)
        try c.encode(stateChangedAt, forKey: .stateChangedAt)
    }
}
