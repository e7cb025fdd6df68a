import Foundation
import GWSVoice
import Logging

/// A logger that prints nothing.
let quietLogger = Logger(label: "voice-test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Whole seconds, so dates survive the JSON round trip exactly.
let t0 = Date(timeIntervalSince1970: 1_714_557_600)  // 2024-05-01T10:00:00Z

/// `t0` plus `seconds`.
func at(_ seconds: Int) -> Date { t0.addingTimeInterval(TimeInterval(seconds)) }

/// Builds records in known states, without going through the reducer.
enum Fixture {
    static let userName = "jsmith"
    static let dnNumber = "5001"

    /// A DN in `state` (LoggedOut records keep their last DN).
    static func dn(_ state: VoiceAgentState, dnd: Bool = false) -> VoiceDn {
        VoiceDn(
            number: dnNumber, agentId: "+33298025003", employeeId: "E101", agentState: state,
            agentWorkMode: .unknown, reasonCode: state == .notReady ? "Lunch" : nil, dnd: dnd,
            loggedInAt: state == .loggedOut ? nil : t0, stateChangedAt: t0)
    }

    /// An agent in `state` with `calls`.
    static func record(_ state: VoiceAgentState, dnd: Bool = false, calls: [VoiceCall] = []) -> VoiceRecord {
        VoiceRecord(userName: userName, dn: dn(state, dnd: dnd), calls: calls, version: 7, eventSequence: 30, updatedAt: t0)
    }

    /// A call in `state` with one pair of user data.
    static func call(_ state: CallState, id: String = "c1") -> VoiceCall {
        var timestamps = CallTimestamps(createdAt: t0)
        if [.established, .held, .released].contains(state) { timestamps.establishedAt = t0 }
        if state == .held { timestamps.heldAt = t0 }
        if state == .released {
            timestamps.releasedAt = t0
            timestamps.talkSeconds = 0
        }
        return VoiceCall(
            id: id, callUuid: "uuid-\(id)", dn: dnNumber, callType: .inbound, state: state,
            participants: [CallParticipant(number: "+15551234")], ani: "+15551234", dnis: "8000",
            userData: [.string("Segment", "Gold")], timestamps: timestamps)
    }

    /// Every DN command, with arguments.
    static let dnCommands: [VoiceCommand] = [
        .login(dn: dnNumber, agentId: "+33298025003", employeeId: "E101"),
        .ready(workMode: .autoIn), .notReady(reasonCode: "Break", workMode: .auxWork), .dndOn, .dndOff, .logout,
        .makeCall(destination: "+15550000"), .inboundRinging(ani: "+15551234", dnis: "8000"),
    ]

    /// Every call command on call `id`.
    static func callCommands(_ id: String) -> [VoiceCommand] {
        [
            .answer(callId: id), .hold(callId: id), .retrieve(callId: id), .release(callId: id),
            .remoteRelease(callId: id), .complete(callId: id),
            .attachUserData(callId: id, userData: [.int("Tries", 2)]),
            .updateUserData(callId: id, userData: [.string("Segment", "Platinum")]),
            .deleteUserDataPair(callId: id, key: "Segment"),
        ]
    }
}

/// Runs the reducer with sequential ids at `now`.
func reduce(_ record: VoiceRecord, _ command: VoiceCommand, now: Date = at(10)) throws(VoiceError) -> VoiceTransition {
    try VoiceReducer.reduce(record, command, now: now, ids: .sequential())
}

/// The error `body` throws, if it is a ``VoiceError``.
func voiceError(_ body: () throws -> Void) -> VoiceError? {
    do {
        try body()
        return nil
    } catch {
        return error as? VoiceError
    }
}

extension VoiceEvent {
    /// The DN of a `DnStateChanged`.
    var dn: VoiceDn? {
        if case .dnStateChanged(let event) = self { return event.dn }
        return nil
    }

    /// The call and notification type of a `CallStateChanged`.
    var call: (type: CallStateChanged.NotificationType, call: VoiceCall)? {
        if case .callStateChanged(let event) = self { return (event.notificationType, event.call) }
        return nil
    }
}
