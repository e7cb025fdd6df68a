import Foundation

/// The voice state machine: pure, no I/O; time and ids are injected.
///
/// ``reduce(_:_:now:ids:)`` either returns the new record and its events, or
/// throws a ``VoiceError`` (and the caller keeps the old record: nothing changed).
/// DN commands are allowed when their ``VoiceCapability`` is in the DN's
/// capabilities, call commands when it is in the call's (see
/// ``VoiceCapability/forDn(state:dnd:)`` and ``VoiceCapability/forCall(state:)``).
public enum VoiceReducer {
    /// Applies `command` to `record` at `now`.
    ///
    /// - Throws: ``VoiceError``: `invalidArgument` (bad input), `notFound`
    ///   (unknown call id or user-data key), `invalidState` (not allowed now).
    public static func reduce(
        _ record: VoiceRecord, _ command: VoiceCommand, now: Date, ids: VoiceIDGenerator
    ) throws(VoiceError) -> VoiceTransition {
        var state = record
        let events: [VoiceEvent]
        switch command {
        case .login(let dn, let agentId, let employeeId, let workMode):
            events = try login(&state, dn: dn, agentId: agentId, employeeId: employeeId, workMode: workMode, now: now)
        case .ready, .notReady, .dndOn, .dndOff:
            events = try changeDn(&state, command, now: now)
        case .logout:
            events = try logout(&state, now: now)
        case .makeCall(let destination, let userData):
            events = try makeCall(&state, destination: destination, userData: userData, now: now, ids: ids)
        case .inboundRinging(let ani, let dnis, let userData, let callUuid):
            events = try inboundRinging(
                &state, ani: ani, dnis: dnis, userData: userData, callUuid: callUuid, now: now, ids: ids)
        case .answer, .hold, .retrieve, .release, .remoteRelease, .complete,
            .attachUserData, .updateUserData, .deleteUserDataPair:
            events = try changeCall(&state, command, now: now)
        }
        state.updatedAt = now
        return VoiceTransition(record: state, events: events)
    }

    /// Refuses keys that are empty, at any depth.
    static func validate(_ userData: [UserDataPair]) throws(VoiceError) {
        for pair in userData {
            guard !pair.key.isEmpty else { throw VoiceError(.invalidArgument, "a userData key is empty") }
            if case .list(let nested) = pair.value { try validate(nested) }
        }
    }
}
