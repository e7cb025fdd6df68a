/// Something that happens to an agent's voice channel: an operation of the
/// agent (the Workspace `voice/*` API) or an event from the network (the
/// tenant simulator's `inboundRinging` and `remoteRelease`).
public enum VoiceCommand: Sendable, Hashable {
    /// `activate-channels` / `voice/login`: log in on `dn` as `agentId`;
    /// the DN becomes LoggedIn. Needs a logged-out agent.
    case login(dn: String, agentId: String, employeeId: String? = nil, workMode: AgentWorkMode? = nil)
    /// `voice/ready`: Ready, with `workMode` (Unknown when nil).
    case ready(workMode: AgentWorkMode? = nil)
    /// `voice/not-ready`: NotReady with an optional reason code and work mode.
    case notReady(reasonCode: String? = nil, workMode: AgentWorkMode? = nil)
    /// `voice/dnd-on`
    case dndOn
    /// `voice/dnd-off`
    case dndOff
    /// `voice/logout`: refused while a call is active; released calls are completed.
    case logout
    /// `voice/make-call`: an Outbound call, Dialing, then Established when the
    /// (simulated) far end answers: one command, two events.
    case makeCall(destination: String, userData: [UserDataPair] = [])
    /// From the tenant simulator: an Inbound call rings on the DN. Refused when
    /// the agent is logged out or has do-not-disturb on.
    case inboundRinging(ani: String, dnis: String, userData: [UserDataPair] = [], callUuid: String? = nil)
    /// `voice/calls/{id}/answer`: Ringing → Established.
    case answer(callId: String)
    /// `voice/calls/{id}/hold`: Established → Held.
    case hold(callId: String)
    /// `voice/calls/{id}/retrieve`: Held → Established.
    case retrieve(callId: String)
    /// `voice/calls/{id}/release`: the agent hangs up (Dialing, Ringing, Established, Held → Released).
    case release(callId: String)
    /// From the network: the far end hung up (Dialing, Ringing, Established, Held → Released).
    case remoteRelease(callId: String)
    /// `voice/calls/{id}/complete`: Released → Completed; the call leaves the list.
    case complete(callId: String)
    /// `voice/calls/{id}/attach-user-data`: adds the pairs, replacing those with the same keys.
    case attachUserData(callId: String, userData: [UserDataPair])
    /// `voice/calls/{id}/update-user-data`: updates the pairs with these keys, adding the others.
    case updateUserData(callId: String, userData: [UserDataPair])
    /// `voice/calls/{id}/delete-user-data-pair`: removes the pair with this key.
    case deleteUserDataPair(callId: String, key: String)

    /// The GWS operation name, for messages (`login`, `make-call`, `answer`…).
    public var operation: String {
        switch self {
        case .login: return "login"
        case .ready: return VoiceCapability.ready.rawValue
        case .notReady: return VoiceCapability.notReady.rawValue
        case .dndOn: return VoiceCapability.dndOn.rawValue
        case .dndOff: return VoiceCapability.dndOff.rawValue
        case .logout: return VoiceCapability.logout.rawValue
        case .makeCall: return "make-call"
        case .inboundRinging: return "inbound-ringing"
        case .answer: return VoiceCapability.answer.rawValue
        case .hold: return VoiceCapability.hold.rawValue
        case .retrieve: return VoiceCapability.retrieve.rawValue
        case .release: return VoiceCapability.release.rawValue
        case .remoteRelease: return "remote-release"
        case .complete: return VoiceCapability.complete.rawValue
        case .attachUserData: return VoiceCapability.attachUserData.rawValue
        case .updateUserData: return VoiceCapability.updateUserData.rawValue
        case .deleteUserDataPair: return VoiceCapability.deleteUserDataPair.rawValue
        }
    }

    /// The call the command is about, for call commands.
    public var callId: String? {
        switch self {
        case .answer(let id), .hold(let id), .retrieve(let id), .release(let id), .remoteRelease(let id),
            .complete(let id), .attachUserData(let id, _), .updateUserData(let id, _), .deleteUserDataPair(let id, _):
            return id
        case .login, .ready, .notReady, .dndOn, .dndOff, .logout, .makeCall, .inboundRinging:
            return nil
        }
    }
}
