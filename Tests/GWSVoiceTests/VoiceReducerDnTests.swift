import Foundation
import GWSVoice
import Testing

/// Every DN-level command in every agent situation: allowed ones change the
/// DN as GWS would and emit the right events; the others throw and change nothing.
@Suite("Voice reducer: the agent's DN")
struct VoiceReducerDnTests {
    /// The agent situations: never logged in, logged out, and each logged-in state with DND off and on.
    static let situations: [VoiceRecord] = {
        var never = VoiceRecord(userName: Fixture.userName)
        never.version = 3
        return [never, Fixture.record(.loggedOut)]
            + [VoiceAgentState.loggedIn, .ready, .notReady].flatMap { state in
                [Fixture.record(state), Fixture.record(state, dnd: true)]
            }
    }()

    /// Whether `command` is allowed for `record` (no calls), by the rules of GWS.
    static func allowed(_ command: VoiceCommand, _ record: VoiceRecord) -> Bool {
        let state = record.agentState
        let dnd = record.dn?.dnd ?? false
        switch command {
        case .login: return state == .loggedOut
        case .ready: return state == .loggedIn || state == .notReady
        case .notReady: return state != .loggedOut
        case .dndOn: return state != .loggedOut && !dnd
        case .dndOff: return state != .loggedOut && dnd
        case .logout, .makeCall: return state != .loggedOut
        case .inboundRinging: return state != .loggedOut && !dnd
        default: return false
        }
    }

    @Test("each DN command in each situation", arguments: situations, Fixture.dnCommands)
    func matrix(record: VoiceRecord, command: VoiceCommand) throws {
        let before = record
        guard Self.allowed(command, record) else {
            let error = voiceError { _ = try reduce(record, command) }
            #expect(error?.code == .invalidState, "\(command.operation) in \(record.agentState) should be refused")
            #expect(error?.httpStatus == 409)
            #expect(record == before)
            return
        }
        let result = try reduce(record, command)
        #expect(!result.events.isEmpty)
        #expect(result.record.version == record.version)  // the store raises it
        #expect(result.record.updatedAt == at(10))
        let dn = try #require(result.record.dn)
        switch command {
        case .login:
            #expect(dn.agentState == .loggedIn && dn.number == Fixture.dnNumber && dn.agentId == "+33298025003")
            #expect(dn.employeeId == "E101" && dn.loggedInAt == at(10) && !dn.dnd)
            #expect(dn.capabilities == [.ready, .notReady, .dndOn, .logout])
        case .ready:
            #expect(dn.agentState == .ready && dn.agentWorkMode == .autoIn && dn.reasonCode == nil)
            #expect(dn.stateChangedAt == at(10))
        case .notReady:
            #expect(dn.agentState == .notReady && dn.agentWorkMode == .auxWork && dn.reasonCode == "Break")
        case .dndOn:
            #expect(dn.dnd && dn.agentState == record.agentState && dn.capabilities.contains(.dndOff))
        case .dndOff:
            #expect(!dn.dnd && dn.capabilities.contains(.dndOn))
        case .logout:
            #expect(dn.agentState == .loggedOut && dn.capabilities.isEmpty && dn.loggedInAt == nil && !dn.dnd)
            #expect(result.record.loggedInDn == nil)
        case .makeCall, .inboundRinging:
            #expect(dn == record.dn)  // the agent state does not change with calls
            #expect(result.record.calls.count == 1)
        default:
            Issue.record("unexpected command \(command.operation)")
        }
        if case .makeCall = command { return }
        if case .inboundRinging = command { return }
        #expect(result.events == [.dnStateChanged(DnStateChanged(dn: dn))])
    }

    @Test("capabilities of a DN in every state")
    func capabilities() {
        #expect(Fixture.dn(.loggedOut).capabilities == [])
        #expect(Fixture.dn(.loggedIn).capabilities == [.ready, .notReady, .dndOn, .logout])
        #expect(Fixture.dn(.ready).capabilities == [.notReady, .dndOn, .logout])
        #expect(Fixture.dn(.notReady).capabilities == [.ready, .notReady, .dndOn, .logout])
        #expect(Fixture.dn(.ready, dnd: true).capabilities == [.notReady, .dndOff, .logout])
    }

    @Test("logout is refused while a call is active in any state, and completes released calls")
    func logoutWithCalls() throws {
        for state in [CallState.dialing, .ringing, .established, .held] {
            let record = Fixture.record(.ready, calls: [Fixture.call(.released, id: "done"), Fixture.call(state, id: "live")])
            let error = voiceError { _ = try reduce(record, .logout) }
            #expect(error?.code == .invalidState)
            #expect(error?.message.contains("live (\(state.rawValue))") == true)
        }
        let record = Fixture.record(.notReady, calls: [Fixture.call(.released, id: "a"), Fixture.call(.released, id: "b")])
        let result = try reduce(record, .logout)
        #expect(result.record.calls.isEmpty && result.record.agentState == .loggedOut)
        #expect(result.events.count == 3)
        #expect(result.events[0].call?.call.id == "a" && result.events[0].call?.call.state == .completed)
        #expect(result.events[0].call?.call.timestamps.completedAt == at(10))
        #expect(result.events[1].call?.call.id == "b" && result.events[1].call?.type == .statusChange)
        #expect(result.events[2].dn?.agentState == .loggedOut)
    }

    @Test("login and make-call validate their arguments")
    func arguments() {
        let out = Fixture.record(.loggedOut)
        #expect(voiceError { _ = try reduce(out, .login(dn: "", agentId: "a")) }?.code == .invalidArgument)
        #expect(voiceError { _ = try reduce(out, .login(dn: "5001", agentId: "")) }?.httpStatus == 400)
        let ready = Fixture.record(.ready)
        #expect(voiceError { _ = try reduce(ready, .makeCall(destination: "")) }?.code == .invalidArgument)
        let emptyKey = VoiceCommand.makeCall(destination: "1", userData: [.string("", "x")])
        #expect(voiceError { _ = try reduce(ready, emptyKey) }?.code == .invalidArgument)
        let nested = VoiceCommand.inboundRinging(
            ani: "1", dnis: "2", userData: [UserDataPair(key: "k", value: .list([.int("", 1)]))])
        #expect(voiceError { _ = try reduce(ready, nested) }?.code == .invalidArgument)
        #expect(voiceError { _ = try reduce(ready, .inboundRinging(ani: "1", dnis: "2", callUuid: "")) }?.code == .invalidArgument)
    }

    @Test("refusals name the DN, its state and the operation")
    func messages() {
        let error = voiceError { _ = try reduce(Fixture.record(.ready), .ready()) }
        #expect(error?.message == "DN 5001 is Ready: ready is not allowed (allowed: not-ready, dnd-on, logout)")
        let dnd = voiceError { _ = try reduce(Fixture.record(.ready, dnd: true), .dndOn) }
        #expect(dnd?.message == "DN 5001 is Ready with do-not-disturb on: dnd-on is not allowed (allowed: not-ready, dnd-off, logout)")
        let out = voiceError { _ = try reduce(VoiceRecord(userName: "bob"), .notReady()) }
        #expect(out?.message == "agent bob is LoggedOut: not-ready needs a logged-in DN")
        let again = voiceError { _ = try reduce(Fixture.record(.notReady), .login(dn: "5002", agentId: "x")) }
        #expect(again?.message == "agent jsmith is already logged in on DN 5001 (NotReady): login is not allowed")
        let dndCall = voiceError { _ = try reduce(Fixture.record(.ready, dnd: true), .inboundRinging(ani: "1", dnis: "2")) }
        #expect(dndCall?.message == "DN 5001 has do-not-disturb on: an inbound call is not delivered")
    }

    @Test("ready and not-ready without a work mode reset it to Unknown; login keeps the one given")
    func workModes() throws {
        var record = try reduce(Fixture.record(.loggedOut), .login(dn: "5002", agentId: "a", workMode: .manualIn)).record
        #expect(record.dn?.agentWorkMode == .manualIn && record.dn?.number == "5002")
        record = try reduce(record, .notReady(reasonCode: nil, workMode: .afterCallWork)).record
        #expect(record.dn?.agentWorkMode == .afterCallWork && record.dn?.reasonCode == nil)
        record = try reduce(record, .ready()).record
        #expect(record.dn?.agentWorkMode == .unknown)
    }
}
