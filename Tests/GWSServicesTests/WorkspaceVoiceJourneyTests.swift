import Foundation
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The agent's voice day through Workspace, Voice and CometD on real Redis
/// and Configuration: initialize → handshake → activate → ready → a call
/// rings (reported to Voice) → answer → hold → retrieve → release → complete.
@Suite("Workspace voice journey")
struct WorkspaceVoiceJourneyTests {
    static let admin: HTTPFields = [.authorization: "Bearer \(TestTokens.token(tenant: "acme", authorities: ["ROLE_SERVICE"]))"]

    @Test func theAgentsCallJourneyArrivesOnCometD() async throws {
        try await withWorkspaceWorld { world in
            try await world.withWorkspace { workspace in
                try await world.withVoice { voice in
                    let headers = try await WorkspaceSessionTests.initialize(workspace, world)
                    let bayeux = WorkspaceBayeux(client: workspace, headers: [.cookie: try #require(headers[.cookie])])
                    let handshake = try await bayeux.handshake()
                    #expect(handshake["successful"] == true)
                    let clientId = try #require(handshake["clientId"]?.stringValue)
                    #expect(try await bayeux.subscribe(clientId, "/workspace/v3/**")["successful"] == true)
                    let initialized = try await bayeux.messages(clientId)
                    #expect(initialized.contains { $0.messageType == "WorkspaceInitializationComplete" })

                    func post(_ path: String, _ body: String? = nil) async throws -> GWSTestResponse {
                        try await workspace.gws(.post, "/workspace/v3/\(path)", tenant: nil, headers: headers, body: body)
                    }
                    /// The messages up to the first `type` (in `state`); fails the test when it never comes.
                    func events(until type: String, state: String? = nil) async throws -> [JSONValue] {
                        func matches(_ message: JSONValue) -> Bool {
                            message.messageType == type && (state == nil || Self.state(of: message) == state)
                        }
                        let messages = try await bayeux.messages(clientId) { $0.contains(where: matches) }
                        #expect(messages.contains(where: matches), "no \(type) \(state ?? "") in \(messages)")
                        return messages
                    }

                    #expect(try await post("activate-channels", #"{"data":{}}"#).code == 1)
                    let activated = try await events(until: "DnStateChanged")
                    #expect(activated.contains { $0.messageType == "ServiceStateChanged" && $0["data"]?["serviceState"] == "AVAILABLE" })
                    #expect(activated.contains { $0["data"]?["dn"]?["number"] == "7001" })

                    #expect(try await post("voice/ready").code == 1)
                    #expect(try await events(until: "DnStateChanged", state: "Ready").isEmpty == false)

                    // The Tenant Service's SIP server reports an inbound call to Voice.
                    let ring = try await voice.gws(
                        .post, "/voice/v3/dns/7001/ring", tenant: nil, headers: Self.admin,
                        body: #"{"data":{"ani":"+15550001111"}}"#)
                    #expect(ring.status == .ok)
                    let callId = try #require(ring.data?["callId"]?.stringValue)
                    let ringing = try await events(until: "CallStateChanged", state: "Ringing")
                    let call = try #require(ringing.first { Self.state(of: $0) == "Ringing" })
                    #expect(call["data"]?["call"]?["id"]?.stringValue == callId)
                    #expect(call["data"]?["call"]?["ani"] == "+15550001111")
                    #expect(call["data"]?["call"]?["capabilities"]?.arrayValue?.contains("answer") == true)

                    // Wrong state: hold is not allowed while ringing, and changes nothing.
                    let early = try await post("voice/calls/\(callId)/hold")
                    #expect(early.status == .conflict)
                    #expect(early.message.contains("Ringing"))

                    for (operation, state) in [("answer", "Established"), ("hold", "Held"), ("retrieve", "Established"), ("release", "Released")] {
                        let answer = try await post("voice/calls/\(callId)/\(operation)")
                        #expect(answer.code == 1, "\(operation): \(answer.message)")
                        #expect(try await events(until: "CallStateChanged", state: state).isEmpty == false, "\(operation)")
                    }
                    let attach = try await post("voice/calls/\(callId)/attach-user-data", #"{"data":{"userData":[{"key":"case","type":"str","value":"42"}]}}"#)
                    #expect(attach.code == 1)
                    #expect(try await post("voice/calls/\(callId)/complete").code == 1)
                    #expect(try await events(until: "CallStateChanged", state: "Completed").isEmpty == false)
                    let calls = try await workspace.gws(.get, "/workspace/v3/voice/calls", tenant: nil, headers: headers)
                    #expect(calls.data?["calls"]?.arrayValue?.isEmpty == true)

                    #expect(try await post("voice/not-ready", #"{"data":{"reasonCode":"Lunch"}}"#).code == 1)
                    #expect(try await post("logout").status == .ok)
                }
            }
        }
    }

    @Test func badRequestsUnknownCallsAndForeignTokensAreRefused() async throws {
        try await withWorkspaceWorld { world in
            try await world.withWorkspace { workspace in
                try await world.withVoice { voice in
                    // Nobody logged in on the DN yet: the switch cannot ring it.
                    let early = try await voice.gws(
                        .post, "/voice/v3/dns/7001/ring", tenant: nil, headers: Self.admin, body: #"{"data":{"ani":"1"}}"#)
                    #expect(early.status == .notFound || early.status == .conflict)
                    // An agent's token cannot drive the switch.
                    let agent = try await voice.gws(
                        .post, "/voice/v3/dns/7001/ring", tenant: nil, headers: world.agentAuthorization(), body: #"{"data":{"ani":"1"}}"#)
                    #expect(agent.status == .forbidden)

                    let headers = try await WorkspaceSessionTests.initialize(workspace, world)
                    func post(_ path: String, _ body: String? = nil) async throws -> GWSTestResponse {
                        try await workspace.gws(.post, "/workspace/v3/\(path)", tenant: nil, headers: headers, body: body)
                    }
                    // Ready before activating channels: the agent is logged out.
                    #expect(try await post("voice/ready").status == .conflict)
                    #expect(try await post("activate-channels", #"{"data":{"placeName":"Nowhere"}}"#).status == .notFound)
                    #expect(try await post("activate-channels", #"{"data":"#).status == .badRequest)
                    #expect(try await post("activate-channels", #"{"data":{}}"#).code == 1)
                    #expect(try await post("voice/calls/nope/answer").status == .notFound)
                    let badCall = try await post("voice/make-call", #"{"data":{"userData":[]}}"#)
                    #expect(badCall.status == .badRequest)
                    #expect(badCall.message.contains("destination"))
                    // Another tenant's switch token does not see acme's DN.
                    let globex: HTTPFields = [.authorization: "Bearer \(TestTokens.token(tenant: "globex", authorities: ["ROLE_SERVICE"]))"]
                    let foreign = try await voice.gws(
                        .post, "/voice/v3/dns/7001/ring", tenant: nil, headers: globex,
                        body: #"{"data":{"ani":"1"}}"#)
                    #expect(foreign.status == .notFound || foreign.status == .conflict)
                    // The CometD handshake needs a session cookie or a token.
                    let anonymous = try await WorkspaceBayeux(client: workspace, headers: [:]).handshake()
                    #expect(anonymous["successful"] == false)
                }
            }
        }
    }

    @Test func aClientWhoseInstanceIsLostReHandshakesElsewhereAndCatchesUp() async throws {
        try await withWorkspaceWorld { world in
            let session = LockedBox<(headers: HTTPFields, clientId: String)>(([:], ""))
            // Instance A: initialize, activate, go ready, handshake.
            try await world.withWorkspace { a in
                let headers = try await WorkspaceSessionTests.initialize(a, world)
                #expect(try await a.gws(.post, "/workspace/v3/activate-channels", tenant: nil, headers: headers, body: #"{"data":{}}"#).code == 1)
                #expect(try await a.gws(.post, "/workspace/v3/voice/ready", tenant: nil, headers: headers).code == 1)
                let bayeux = WorkspaceBayeux(client: a, headers: [.cookie: try #require(headers[.cookie])])
                let clientId = try #require(try await bayeux.handshake()["clientId"]?.stringValue)
                session.value = (headers, clientId)
            }
            // A is gone. Instance B does not know the client: 402 with advice to handshake again.
            try await world.withWorkspace { b in
                let bayeux = WorkspaceBayeux(client: b, headers: [.cookie: try #require(session.value.headers[.cookie])])
                let stale = try await bayeux.send([
                    ["channel": "/meta/connect", "clientId": .string(session.value.clientId), "connectionType": "long-polling"]
                ])
                #expect(stale.first?["successful"] == false)
                #expect(stale.first?["error"]?.stringValue?.hasPrefix("402") == true)
                #expect(stale.first?["advice"]?["reconnect"] == "handshake")
                // The session lives in Redis: the re-handshake succeeds and the agent is still logged in and Ready.
                let clientId = try #require(try await bayeux.handshake()["clientId"]?.stringValue)
                #expect(try await bayeux.subscribe(clientId, "/workspace/v3/voice")["successful"] == true)
                let caughtUp = try await bayeux.messages(clientId) { messages in
                    messages.contains { $0.messageType == "DnStateChanged" }
                }
                let dn = try #require(caughtUp.first { $0.messageType == "DnStateChanged" })
                #expect(dn["data"]?["dn"]?["agentState"] == "Ready")
                #expect(dn["data"]?["dn"]?["number"] == "7001")
                #expect(caughtUp.contains { $0.messageType == "ServiceStateChanged" })
                // And the agent goes on working through B.
                #expect(try await b.gws(.post, "/workspace/v3/voice/not-ready", tenant: nil, headers: session.value.headers).code == 1)
            }
        }
    }

    /// The state a DnStateChanged (agentState) or CallStateChanged (call.state) message carries.
    static func state(of message: JSONValue) -> String? {
        message["data"]?["call"]?["state"]?.stringValue ?? message["data"]?["dn"]?["agentState"]?.stringValue
    }
}
