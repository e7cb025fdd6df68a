import Foundation

extension VoiceReducer {
    /// `make-call`: an Outbound call, Dialing then Established (the simulated far end answers at once).
    static func makeCall(
        _ record: inout VoiceRecord, destination: String, userData: [UserDataPair], now: Date, ids: VoiceIDGenerator
    ) throws(VoiceError) -> [VoiceEvent] {
        let dn = try loggedInDn(record, "make-call")
        guard !destination.isEmpty else { throw VoiceError(.invalidArgument, "make-call needs a destination") }
        try validate(userData)
        let id = ids.connectionID()
        let dialing = VoiceCall(
            id: id, callUuid: ids.callUUID(), dn: dn.number, callType: .outbound, state: .dialing,
            participants: [CallParticipant(number: destination)], ani: dn.number, dnis: destination,
            userData: merged([], with: userData), timestamps: CallTimestamps(createdAt: now))
        var established = dialing
        established.state = .established
        established.timestamps.establishedAt = now
        record.calls.append(established)
        return [
            .callStateChanged(CallStateChanged(notificationType: .newCall, call: dialing)),
            .callStateChanged(CallStateChanged(notificationType: .statusChange, call: established)),
        ]
    }

    /// From the network: an Inbound call rings; refused when logged out or with DND on.
    static func inboundRinging(
        _ record: inout VoiceRecord, ani: String, dnis: String, userData: [UserDataPair], callUuid: String?,
        now: Date, ids: VoiceIDGenerator
    ) throws(VoiceError) -> [VoiceEvent] {
        let dn = try loggedInDn(record, "an inbound call")
        guard !dn.dnd else {
            throw VoiceError(.invalidState, "DN \(dn.number) has do-not-disturb on: an inbound call is not delivered")
        }
        try validate(userData)
        if let callUuid, callUuid.isEmpty { throw VoiceError(.invalidArgument, "callUuid is empty") }
        let call = VoiceCall(
            id: ids.connectionID(), callUuid: callUuid ?? ids.callUUID(), dn: dn.number, callType: .inbound,
            state: .ringing, participants: ani.isEmpty ? [] : [CallParticipant(number: ani)], ani: ani,
            dnis: dnis.isEmpty ? dn.number : dnis, userData: merged([], with: userData),
            timestamps: CallTimestamps(createdAt: now))
        record.calls.append(call)
        return [.callStateChanged(CallStateChanged(notificationType: .newCall, call: call))]
    }

    /// The commands on one call.
    static func changeCall(_ record: inout VoiceRecord, _ command: VoiceCommand, now: Date) throws(VoiceError) -> [VoiceEvent] {
        guard let callId = command.callId else { preconditionFailure("not a call command: \(command.operation)") }
        guard let index = record.calls.firstIndex(where: { $0.id == callId }) else {
            throw VoiceError.callNotFound(callId, userName: record.userName)
        }
        var call = record.calls[index]
        var notification = CallStateChanged.NotificationType.statusChange
        switch command {
        case .answer:
            try require(.answer, call)
            call.moved(to: .established, at: now)
        case .hold:
            try require(.hold, call)
            call.moved(to: .held, at: now)
        case .retrieve:
            try require(.retrieve, call)
            call.moved(to: .established, at: now)
        case .release:
            try require(.release, call)
            call.moved(to: .released, at: now)
        case .remoteRelease:
            guard call.state.isActive else { throw VoiceError.notAllowed(command.operation, call: call) }
            call.moved(to: .released, at: now)
        case .complete:
            try require(.complete, call)
            call.moved(to: .completed, at: now)
        case .attachUserData(_, let pairs):
            try changeUserData(&call, pairs, .attachUserData)
            notification = .attachedDataChanged
        case .updateUserData(_, let pairs):
            try changeUserData(&call, pairs, .updateUserData)
            notification = .attachedDataChanged
        case .deleteUserDataPair(_, let key):
            try require(.deleteUserDataPair, call)
            guard let position = call.userData.firstIndex(where: { $0.key == key }) else {
                throw VoiceError(.notFound, "call \(call.id) has no user data \"\(key)\"")
            }
            call.userData.remove(at: position)
            notification = .attachedDataChanged
        default:
            preconditionFailure("not a call command: \(command.operation)")
        }
        if call.state == .completed {
            record.calls.remove(at: index)
        } else {
            record.calls[index] = call
        }
        return [.callStateChanged(CallStateChanged(notificationType: notification, call: call))]
    }

    /// `attach-user-data` and `update-user-data`: both add the pairs, replacing
    /// those with the same keys (GWS's attach and update differ only for
    /// duplicate keys, which this model does not keep).
    private static func changeUserData(
        _ call: inout VoiceCall, _ pairs: [UserDataPair], _ capability: VoiceCapability
    ) throws(VoiceError) {
        try require(capability, call)
        guard !pairs.isEmpty else { throw VoiceError(.invalidArgument, "\(capability.rawValue) needs at least one pair") }
        try validate(pairs)
        call.userData = merged(call.userData, with: pairs)
    }

    /// `existing` with `pairs` applied: same keys replaced in place, new keys appended in order.
    static func merged(_ existing: [UserDataPair], with pairs: [UserDataPair]) -> [UserDataPair] {
        var result = existing
        for pair in pairs {
            if let index = result.firstIndex(where: { $0.key == pair.key }) {
                result[index] = pair
            } else {
                result.append(pair)
            }
        }
        return result
    }

    private static func require(_ capability: VoiceCapability, _ call: VoiceCall) throws(VoiceError) {
        guard call.capabilities.contains(capability) else { throw VoiceError.notAllowed(capability.rawValue, call: call) }
    }
}

extension VoiceCall {
    /// Moves to `state` at `now`, keeping the timestamps (hold and talk times) right.
    fileprivate mutating func moved(to newState: CallState, at now: Date) {
        if state == .held, let heldAt = timestamps.heldAt {
            timestamps.heldSeconds += now.timeIntervalSince(heldAt)
            timestamps.heldAt = nil
        }
        switch newState {
        case .established where timestamps.establishedAt == nil:
            timestamps.establishedAt = now
        case .held:
            timestamps.heldAt = now
        case .released:
            timestamps.releasedAt = now
            if let establishedAt = timestamps.establishedAt {
                timestamps.talkSeconds = max(0, now.timeIntervalSince(establishedAt) - timestamps.heldSeconds)
            }
        case .completed:
            timestamps.completedAt = now
        default:
            break
        }
        state = newState
        timestamps.stateChangedAt = now
    }
}
