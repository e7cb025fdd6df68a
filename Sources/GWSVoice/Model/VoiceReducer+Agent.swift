import Foundation

extension VoiceReducer {
    /// `login`: a logged-out agent logs in on `dn` (LoggedIn, DND off).
    static func login(
        _ record: inout VoiceRecord, dn number: String, agentId: String, employeeId: String?,
        workMode: AgentWorkMode?, now: Date
    ) throws(VoiceError) -> [VoiceEvent] {
        guard !number.isEmpty else { throw VoiceError(.invalidArgument, "login needs a DN") }
        guard !agentId.isEmpty else { throw VoiceError(.invalidArgument, "login needs an agentId") }
        if let current = record.dn, current.isLoggedIn {
            throw VoiceError(
                .invalidState,
                "agent \(record.userName) is already logged in on DN \(current.number) (\(current.agentState.rawValue)): login is not allowed")
        }
        let dn = VoiceDn(
            number: number, agentId: agentId, employeeId: employeeId, agentState: .loggedIn,
            agentWorkMode: workMode ?? .unknown, dnd: false, loggedInAt: now, stateChangedAt: now)
        record.dn = dn
        record.calls = []
        return [.dnStateChanged(DnStateChanged(dn: dn))]
    }

    /// `ready`, `not-ready`, `dnd-on`, `dnd-off`.
    static func changeDn(_ record: inout VoiceRecord, _ command: VoiceCommand, now: Date) throws(VoiceError) -> [VoiceEvent] {
        var dn = try loggedInDn(record, command.operation)
        switch command {
        case .ready(let workMode):
            try require(.ready, dn)
            dn.agentState = .ready
            dn.agentWorkMode = workMode ?? .unknown
            dn.reasonCode = nil
            dn.stateChangedAt = now
        case .notReady(let reasonCode, let workMode):
            try require(.notReady, dn)
            dn.agentState = .notReady
            dn.agentWorkMode = workMode ?? .unknown
            dn.reasonCode = reasonCode
            dn.stateChangedAt = now
        case .dndOn:
            try require(.dndOn, dn)
            dn.dnd = true
        case .dndOff:
            try require(.dndOff, dn)
            dn.dnd = false
        default:
            preconditionFailure("not a DN command: \(command.operation)")
        }
        record.dn = dn
        return [.dnStateChanged(DnStateChanged(dn: dn))]
    }

    /// `logout`: refused while a call is active; released calls are completed first.
    static func logout(_ record: inout VoiceRecord, now: Date) throws(VoiceError) -> [VoiceEvent] {
        var dn = try loggedInDn(record, VoiceCapability.logout.rawValue)
        try require(.logout, dn)
        let active = record.activeCalls
        guard active.isEmpty else {
            let list = active.map { "\($0.id) (\($0.state.rawValue))" }.joined(separator: ", ")
            throw VoiceError(
                .invalidState,
                "agent \(record.userName) has \(active.count) active call(s) on DN \(dn.number): \(list); logout is not allowed until they are released")
        }
        var events: [VoiceEvent] = []
        for var call in record.calls {
            call.state = .completed
            call.timestamps.completedAt = now
            call.timestamps.stateChangedAt = now
            events.append(.callStateChanged(CallStateChanged(notificationType: .statusChange, call: call)))
        }
        record.calls = []
        dn.agentState = .loggedOut
        dn.agentWorkMode = .unknown
        dn.reasonCode = nil
        dn.dnd = false
        dn.loggedInAt = nil
        dn.stateChangedAt = now
        record.dn = dn
        return events + [.dnStateChanged(DnStateChanged(dn: dn))]
    }

    /// The DN, if the agent is logged in; otherwise `operation` is refused.
    static func loggedInDn(_ record: VoiceRecord, _ operation: String) throws(VoiceError) -> VoiceDn {
        guard let dn = record.dn, dn.isLoggedIn else { throw VoiceError.loggedOut(operation, userName: record.userName) }
        return dn
    }

    private static func require(_ capability: VoiceCapability, _ dn: VoiceDn) throws(VoiceError) {
        guard dn.capabilities.contains(capability) else { throw VoiceError.notAllowed(capability.rawValue, dn: dn) }
    }
}
