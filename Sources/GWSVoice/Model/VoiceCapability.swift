/// An operation the client may offer now, by its GWS name (the last path
/// segment of the Workspace operation: `voice/ready`, `voice/calls/{id}/answer`…).
///
/// DNs and calls list theirs in `capabilities`; the reducer allows a DN or
/// call command exactly when its capability is listed (login, which needs a
/// logged-out agent, and the far end's `remoteRelease` are the exceptions).
public enum VoiceCapability: String, Sendable, Hashable, Codable, CaseIterable {
    // DN
    case ready = "ready"
    case notReady = "not-ready"
    case dndOn = "dnd-on"
    case dndOff = "dnd-off"
    case logout = "logout"
    // Call
    case answer = "answer"
    case release = "release"
    case hold = "hold"
    case retrieve = "retrieve"
    case complete = "complete"
    case attachUserData = "attach-user-data"
    case updateUserData = "update-user-data"
    case deleteUserDataPair = "delete-user-data-pair"
    case sendDtmf = "send-dtmf"

    /// What a DN allows in `state` (with do-not-disturb on or off).
    ///
    /// LoggedOut: nothing. LoggedIn: ready, not-ready. Ready: not-ready.
    /// NotReady: ready, not-ready (to change the reason). Then dnd-on or
    /// dnd-off, and logout (refused anyway while a call is active).
    public static func forDn(state: VoiceAgentState, dnd: Bool) -> [VoiceCapability] {
        let work: [VoiceCapability]
        switch state {
        case .loggedOut: return []
        case .loggedIn: work = [.ready, .notReady]
        case .ready: work = [.notReady]
        case .notReady: work = [.ready, .notReady]
        }
        return work + [dnd ? .dndOff : .dndOn, .logout]
    }

    /// What a call allows in `state`.
    public static func forCall(state: CallState) -> [VoiceCapability] {
        switch state {
        case .dialing: return [.release]
        case .ringing: return [.answer, .release]
        case .established:
            return [.hold, .release, .attachUserData, .updateUserData, .deleteUserDataPair, .sendDtmf]
        case .held: return [.retrieve, .release, .attachUserData, .updateUserData]
        case .released: return [.complete, .attachUserData, .updateUserData]
        case .completed: return []
        }
    }
}
