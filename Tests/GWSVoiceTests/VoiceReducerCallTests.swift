import Foundation
import GWSVoice
import Testing

/// Every call command in every call state.
@Suite("Voice reducer: calls")
struct VoiceReducerCallTests {
    /// The states a stored call can be in (Completed calls leave the list).
    static let states: [CallState] = [.dialing, .ringing, .established, .held, .released]

    /// The state `command` moves a call in `state` to; nil when it is refused.
    static func next(_ command: VoiceCommand, from state: CallState) -> CallState? {
        switch (command, state) {
        case (.answer, .ringing): return .established
        case (.hold, .established): return .held
        case (.retrieve, .held): return .established
        case (.release, _), (.remoteRelease, _): return state.isActive ? .released : nil
        case (.complete, .released): return .completed
        case (.attachUserData, _), (.updateUserData, _): return [.established, .held, .released].contains(state) ? state : nil
        case (.deleteUserDataPair, .established): return .established
        default: return nil
        }
    }

    @Test("each call command in each call state", arguments: states, Fixture.callCommands("c1"))
    func matrix(state: CallState, command: VoiceCommand) throws {
        let other = Fixture.call(.held, id: "other")
        let record = Fixture.record(.ready, calls: [Fixture.call(state), other])
        guard let expected = Self.next(command, from: state) else {
            let error = voiceError { _ = try reduce(record, command) }
            #expect(error?.code == .invalidState, "\(command.operation) on a \(state) call should be refused")
            #expect(error?.message.hasPrefix("call c1 is \(state.rawValue): \(command.operation) is not allowed") == true)
            return
        }
        let result = try reduce(record, command, now: at(60))
        #expect(result.events.count == 1)
        let (type, call) = try #require(result.events.first?.call)
        #expect(call.id == "c1" && call.state == expected)
        #expect(result.record.dn == record.dn)
        #expect(result.record.call(id: "other") == other)  // the other call is untouched
        if expected == .completed {
            #expect(result.record.calls == [other])
            #expect(call.timestamps.completedAt == at(60))
        } else {
            #expect(result.record.calls == [call, other])
        }
        switch command {
        case .attachUserData, .updateUserData, .deleteUserDataPair:
            #expect(type == .attachedDataChanged)
            #expect(call.timestamps == Fixture.call(state).timestamps)
        default:
            #expect(type == .statusChange)
            #expect(call.timestamps.stateChangedAt == at(60))
            #expect(call.userData == Fixture.call(state).userData)
        }
    }

    @Test("unknown call ids are not found, whatever the command", arguments: Fixture.callCommands("nope"))
    func unknownCall(command: VoiceCommand) {
        let error = voiceError { _ = try reduce(Fixture.record(.ready, calls: [Fixture.call(.established)]), command) }
        #expect(error == VoiceError(.notFound, "agent jsmith has no call nope"))
        #expect(error?.httpStatus == 404)
    }

    @Test("capabilities of a call in every state")
    func capabilities() {
        #expect(VoiceCapability.forCall(state: .dialing) == [.release])
        #expect(VoiceCapability.forCall(state: .ringing) == [.answer, .release])
        #expect(
            VoiceCapability.forCall(state: .established)
                == [.hold, .release, .attachUserData, .updateUserData, .deleteUserDataPair, .sendDtmf])
        #expect(VoiceCapability.forCall(state: .held) == [.retrieve, .release, .attachUserData, .updateUserData])
        #expect(VoiceCapability.forCall(state: .released) == [.complete, .attachUserData, .updateUserData])
        #expect(VoiceCapability.forCall(state: .completed) == [])
    }

    @Test("make-call: NewCall Dialing then StatusChange Established, an Outbound call from the agent's DN")
    func makeCall() throws {
        let result = try reduce(Fixture.record(.ready), .makeCall(destination: "+15550000", userData: [.int("Tries", 1)]))
        #expect(result.events.count == 2)
        let (firstType, dialing) = try #require(result.events[0].call)
        let (secondType, established) = try #require(result.events[1].call)
        #expect(firstType == .newCall && dialing.state == .dialing && dialing.capabilities == [.release])
        #expect(secondType == .statusChange && established.state == .established)
        #expect(dialing.id == "0000000000000001" && dialing.connId == dialing.id)
        #expect(dialing.callUuid == "00000000-0000-0000-0000-000000000001")
        #expect(established.callType == .outbound && established.ani == "5001" && established.dnis == "+15550000")
        #expect(established.participants == [CallParticipant(number: "+15550000")])
        #expect(established.userData == [.int("Tries", 1)])
        #expect(established.timestamps.establishedAt == at(10) && dialing.timestamps.establishedAt == nil)
        #expect(result.record.calls == [established])
    }

    @Test("inbound ringing: NewCall Ringing with the simulator's call UUID")
    func inbound() throws {
        let command = VoiceCommand.inboundRinging(
            ani: "+15551234", dnis: "", userData: [.string("Lang", "fr")], callUuid: "UUID-FROM-SIM")
        let result = try reduce(Fixture.record(.notReady), command)
        let (type, call) = try #require(result.events.first?.call)
        #expect(type == .newCall && call.state == .ringing && call.callType == .inbound)
        #expect(call.callUuid == "UUID-FROM-SIM" && call.dnis == "5001" && call.ani == "+15551234")
        #expect(call.capabilities == [.answer, .release] && call.userData == [.string("Lang", "fr")])
    }

    @Test("hold and talk times: held time is not talk time")
    func timestamps() throws {
        var record = try reduce(Fixture.record(.ready), .inboundRinging(ani: "1", dnis: "2"), now: at(0)).record
        let id = try #require(record.calls.first?.id)
        record = try reduce(record, .answer(callId: id), now: at(5)).record
        record = try reduce(record, .hold(callId: id), now: at(20)).record
        #expect(record.calls[0].timestamps.heldAt == at(20))
        record = try reduce(record, .retrieve(callId: id), now: at(50)).record
        record = try reduce(record, .hold(callId: id), now: at(60)).record
        let released = try reduce(record, .remoteRelease(callId: id), now: at(70)).record.calls[0].timestamps
        #expect(released.createdAt == at(0) && released.establishedAt == at(5) && released.releasedAt == at(70))
        #expect(released.heldAt == nil && released.heldSeconds == 40)
        #expect(released.talkSeconds == 25)  // 65 s established, 40 s of it on hold

        let unanswered = try reduce(Fixture.record(.ready), .inboundRinging(ani: "1", dnis: "2"), now: at(0)).record
        let rejected = try reduce(unanswered, .release(callId: unanswered.calls[0].id), now: at(3)).record
        #expect(rejected.calls[0].timestamps.talkSeconds == nil && rejected.calls[0].timestamps.establishedAt == nil)
    }

    @Test("attach and update add new keys and replace existing ones in place; delete removes one")
    func userData() throws {
        let record = Fixture.record(.ready, calls: [Fixture.call(.established)])
        let pairs: [UserDataPair] = [.int("Tries", 3), .string("Segment", "Silver"), .string("Lang", "en")]
        for command in [VoiceCommand.attachUserData(callId: "c1", userData: pairs), .updateUserData(callId: "c1", userData: pairs)] {
            let call = try reduce(record, command).record.calls[0]
            #expect(call.userData == [.string("Segment", "Silver"), .int("Tries", 3), .string("Lang", "en")])
            #expect(call.userData("Tries") == .int(3))
        }
        let empty = voiceError { _ = try reduce(record, .attachUserData(callId: "c1", userData: [])) }
        #expect(empty?.code == .invalidArgument)
        let missing = voiceError { _ = try reduce(record, .deleteUserDataPair(callId: "c1", key: "Nope")) }
        #expect(missing == VoiceError(.notFound, "call c1 has no user data \"Nope\""))
        #expect(try reduce(record, .deleteUserDataPair(callId: "c1", key: "Segment")).record.calls[0].userData.isEmpty)
    }

    @Test("a full inbound call: ring, answer, hold, retrieve, release, complete")
    func lifecycle() throws {
        var record = Fixture.record(.ready)
        var events: [VoiceEvent] = []
        func run(_ command: VoiceCommand) throws {
            let result = try reduce(record, command)
            record = result.record
            events += result.events
        }
        try run(.inboundRinging(ani: "+15551234", dnis: "8000"))
        let id = record.calls[0].id
        for command in [VoiceCommand.answer(callId: id), .hold(callId: id), .retrieve(callId: id),
                        .attachUserData(callId: id, userData: [.string("Outcome", "Sale")]),
                        .release(callId: id), .complete(callId: id)] {
            try run(command)
        }
        #expect(record.calls.isEmpty && record.agentState == .ready)
        #expect(events.compactMap { $0.call?.call.state } == [.ringing, .established, .held, .established, .established, .released, .completed])
        #expect(events.compactMap { $0.call?.type } == [.newCall, .statusChange, .statusChange, .statusChange, .attachedDataChanged, .statusChange, .statusChange])
        #expect(try reduce(record, .logout).record.agentState == .loggedOut)
    }

    @Test("recovery events: the DN, then every call as CallRecovered")
    func recovery() {
        let record = Fixture.record(.ready, calls: [Fixture.call(.established), Fixture.call(.released, id: "c2")])
        let events = record.recoveryEvents()
        #expect(events.count == 3 && events[0].dn == record.dn)
        #expect(events[1].call?.type == .callRecovered && events[2].call?.call.id == "c2")
        #expect(VoiceRecord(userName: "new").recoveryEvents().isEmpty)
    }
}
