import Foundation

/// A call on the agent's DN: the `call` object of GWS's `CallStateChanged`
/// and of `GET voice/calls`.
///
/// Encodes as `{id, connId, callUuid, dn, callType, state, capabilities,
/// participants, ani, dnis, userData, timestamps}`; `capabilities` is derived
/// from `state` (``VoiceCapability/forCall(state:)``) and ignored when decoding.
public struct VoiceCall: Sendable, Hashable {
    /// The call's id in the API (`voice/calls/{id}/…`); equal to `connId`.
    public var id: String
    /// The switch's connection id.
    public var connId: String
    /// The call's UUID, the same on every leg (from the simulator, or generated).
    public var callUuid: String
    /// The agent's DN the call is on.
    public var dn: String
    /// Inbound, Outbound, Internal or Consult.
    public var callType: CallType
    /// Dialing, Ringing, Established, Held, Released or Completed.
    public var state: CallState
    /// The other parties.
    public var participants: [CallParticipant]
    /// The calling number.
    public var ani: String
    /// The called number.
    public var dnis: String
    /// Attached data, in insertion order; keys are unique.
    public var userData: [UserDataPair]
    /// When the call went through its states.
    public var timestamps: CallTimestamps

    public init(
        id: String, connId: String? = nil, callUuid: String, dn: String, callType: CallType, state: CallState,
        participants: [CallParticipant] = [], ani: String, dnis: String, userData: [UserDataPair] = [],
        timestamps: CallTimestamps
    ) {
        self.id = id
        self.connId = connId ?? id
        self.callUuid = callUuid
        self.dn = dn
        self.callType = callType
        self.state = state
        self.participants = participants
        self.ani = ani
        self.dnis = dnis
        self.userData = userData
        self.timestamps = timestamps
    }

    /// What the agent may do with the call now.
    public var capabilities: [VoiceCapability] { VoiceCapability.forCall(state: state) }

    /// The value attached under `key`, if any.
    public func userData(_ key: String) -> UserDataValue? {
        userData.first { $0.key == key }?.value
    }
}

extension VoiceCall: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, connId, callUuid, dn, callType, state, capabilities, participants, ani, dnis, userData, timestamps
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            connId: try c.decodeIfPresent(String.self, forKey: .connId),
            callUuid: try c.decode(String.self, forKey: .callUuid),
            dn: try c.decode(String.self, forKey: .dn),
            callType: try c.decode(CallType.self, forKey: .callType),
            state: try c.decode(CallState.self, forKey: .state),
            participants: try c.decodeIfPresent([CallParticipant].self, forKey: .participants) ?? [],
            ani: try c.decodeIfPresent(String.self, forKey: .ani) ?? "",
            dnis: try c.decodeIfPresent(String.self, forKey: .dnis) ?? "",
            userData: try c.decodeIfPresent([UserDataPair].self, forKey: .userData) ?? [],
            timestamps: try c.decode(CallTimestamps.self, forKey: .timestamps))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(connId, forKey: .connId)
        try c.encode(callUuid, forKey: .callUuid)
        try c.encode(dn, forKey: .dn)
        try c.encode(callType, forKey: .callType)
        try c.encode(state, forKey: .state)
        try c.encode(capabilities, forKey: .capabilities)
        try c.encode(participants, forKey: .participants)
        try c.encode(ani, forKey: .ani)
        try c.encode(dnis, forKey: .dnis)
        try c.encode(userData, forKey: .userData)
        try c.encode(timestamps, forKey: .timestamps)
    }
}
