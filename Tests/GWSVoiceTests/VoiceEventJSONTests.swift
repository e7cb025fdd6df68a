import Foundation
import GWSStores
import GWSVoice
import Testing

/// The JSON shapes of the events, as CometD clients and the Data Collector see them.
@Suite("Voice events: JSON shapes")
struct VoiceEventJSONTests {
    @Test("DnStateChanged")
    func dnStateChanged() throws {
        let event = VoiceEvent.dnStateChanged(DnStateChanged(dn: Fixture.dn(.notReady)))
        let expected: JSONValue = [
            "messageType": "DnStateChanged",
            "dn": [
                "number": "5001", "agentId": "+33298025003", "employeeId": "E101", "agentState": "NotReady",
                "agentWorkMode": "Unknown", "reasonCode": "Lunch", "dnd": false,
                "capabilities": ["ready", "not-ready", "dnd-on", "logout"],
                "loggedInAt": "2024-05-01T10:00:00.000Z", "stateChangedAt": "2024-05-01T10:00:00.000Z",
            ],
        ]
        #expect(event.json == expected)
        #expect(try VoiceEvent(json: expected) == event)
        #expect(event.messageType == "DnStateChanged")
    }

    @Test("CallStateChanged, with the timestamps statistics need")
    func callStateChanged() throws {
        var call = Fixture.call(.released)
        call.timestamps.heldSeconds = 4.5
        call.timestamps.talkSeconds = 30.5
        call.userData.append(UserDataPair(key: "Order", value: .list([.int("Qty", 2)])))
        let event = VoiceEvent.callStateChanged(CallStateChanged(notificationType: .statusChange, call: call))
        let expected: JSONValue = [
            "messageType": "CallStateChanged",
            "notificationType": "StatusChange",
            "call": [
                "id": "c1", "connId": "c1", "callUuid": "uuid-c1", "dn": "5001", "callType": "Inbound",
                "state": "Released", "capabilities": ["complete", "attach-user-data", "update-user-data"],
                "participants": [["number": "+15551234"]], "ani": "+15551234", "dnis": "8000",
                "userData": [
                    ["key": "Segment", "type": "str", "value": "Gold"],
                    ["key": "Order", "type": "kvlist", "value": [["key": "Qty", "type": "int", "value": 2]]],
                ],
                "timestamps": [
                    "createdAt": "2024-05-01T10:00:00.000Z", "establishedAt": "2024-05-01T10:00:00.000Z",
                    "releasedAt": "2024-05-01T10:00:00.000Z", "stateChangedAt": "2024-05-01T10:00:00.000Z",
                    "heldSeconds": 4.5, "talkSeconds": 30.5,
                ],
            ],
        ]
        #expect(event.json == expected)
        #expect(try VoiceEvent(json: expected) == event)
    }

    @Test("EventError and ServiceStateChanged")
    func otherEvents() throws {
        let error = VoiceEvent.eventError(EventError(VoiceError(.invalidState, "call c1 is Held: hold is not allowed")))
        #expect(error.json == ["messageType": "EventError", "error": ["errorMessage": "call c1 is Held: hold is not allowed", "errorCode": 409]])
        let service = VoiceEvent.serviceStateChanged(ServiceStateChanged(serviceState: .unavailable))
        #expect(service.json == ["messageType": "ServiceStateChanged", "serviceName": "VOICE", "serviceState": "UNAVAILABLE"])
        #expect(try VoiceEvent(json: service.json) == service)
        #expect(throws: (any Error).self) { try VoiceEvent(json: ["messageType": "Nope"]) }
    }

    @Test("AgentNotification: the bus envelope and its channel")
    func notification() throws {
        let event = VoiceEvent.dnStateChanged(DnStateChanged(dn: Fixture.dn(.ready)))
        let notification = AgentNotification(
            tenant: "acme", userName: "jsmith", employeeId: "E101", event: event, at: at(1), sequence: 12)
        #expect(AgentNotification.busChannel(tenant: "acme") == "gws:events:acme")
        #expect(AgentNotification.busPattern == "gws:events:*")
        let json = try VoiceCoding.jsonValue(of: notification)
        #expect(json["channel"] == "/workspace/v3/voice")
        #expect(json["at"] == "2024-05-01T10:00:01.000Z")
        #expect(json["sequence"] == 12 && json["tenant"] == "acme" && json["userName"] == "jsmith")
        #expect(json["employeeId"] == "E101" && json["data"] == event.json)
        let text = try notification.jsonString()
        #expect(text.hasPrefix(#"{"at":"2024-05-01T10:00:01.000Z","channel":"/workspace/v3/voice","data":{"#))
        #expect(try AgentNotification(jsonString: text) == notification)
        #expect(try AgentNotification(jsonString: text).voiceEvent == event)
        let bare = AgentNotification(tenant: "acme", userName: "jsmith", data: ["x": 1], at: at(0))
        #expect(try VoiceCoding.jsonValue(of: bare)["sequence"] == nil)
        #expect(bare.voiceEvent == nil)
    }

    @Test("user data lists from requests: str, int (also as digits), kvlist; errors are 400")
    func userDataList() throws {
        let json: JSONValue = [
            ["key": "a", "type": "str", "value": "x"], ["key": "b", "type": "int", "value": "42"],
            ["key": "c", "type": "kvlist", "value": [["key": "d", "type": "int", "value": 1]]],
        ]
        #expect(
            try UserDataPair.list(from: json)
                == [.string("a", "x"), .int("b", 42), UserDataPair(key: "c", value: .list([.int("d", 1)]))])
        let bad: [JSONValue] = [
            ["key": "a"], [["key": "a", "type": "float", "value": 1.5]], [["key": "a", "type": "int", "value": "x"]],
            [["type": "str", "value": "x"]],
        ]
        for value in bad {
            #expect(throws: VoiceError.self) { try UserDataPair.list(from: value) }
        }
        do {
            _ = try UserDataPair.list(from: [["key": "a", "type": "float", "value": 1]])
        } catch {
            #expect(error.code == .invalidArgument && error.message.contains("unknown type \"float\""))
        }
    }

    @Test("records round-trip through their stored JSON")
    func recordRoundTrip() throws {
        let record = Fixture.record(.ready, dnd: true, calls: [Fixture.call(.held), Fixture.call(.ringing, id: "c2")])
        let text = try VoiceCoding.string(of: record)
        #expect(try VoiceCoding.decode(VoiceRecord.self, from: text) == record)
        #expect(try VoiceCoding.jsonValue(of: record)["version"] == 7)
        #expect(VoiceCoding.parseDate("2024-05-01T10:00:00Z") == t0)
        #expect(VoiceCoding.parseDate("yesterday") == nil)
    }
}
