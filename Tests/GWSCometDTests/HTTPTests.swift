import Foundation
import GWSStores
import Testing

@testable import GWSCometD

/// The HTTP side: URL suffixes, batches, malformed bodies.
@Suite("CometD over HTTP")
struct HTTPTests {
    @Test func messageTypeSuffixedPathsWork() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let handshake = try await bayeux.send(
                [["channel": "/meta/handshake", "supportedConnectionTypes": ["long-polling"]]],
                suffix: "handshake", user: "acme\\alice")
            let clientID = try #require(handshake.first?["clientId"])
            let connect = try await bayeux.send(
                [["channel": "/meta/connect", "clientId": clientID, "connectionType": "long-polling"]],
                suffix: "connect")
            #expect(connect.last?["successful"] == true)
            let subscribe = try await bayeux.send(
                [["channel": "/meta/subscribe", "clientId": clientID, "subscription": "/x"]], suffix: "subscribe")
            #expect(subscribe.first?["successful"] == true)
            let unsubscribe = try await bayeux.send(
                [["channel": "/meta/unsubscribe", "clientId": clientID, "subscription": "/x"]], suffix: "unsubscribe")
            #expect(unsubscribe.first?["successful"] == true)
            let disconnect = try await bayeux.send(
                [["channel": "/meta/disconnect", "clientId": clientID]], suffix: "disconnect")
            #expect(disconnect.first?["successful"] == true)
            let unknown = try await bayeux.post(#"[{"channel":"/meta/connect"}]"#, suffix: "bogus")
            #expect(unknown.status == .notFound)
        }
    }

    @Test func longPollingWorksOverARealSocket() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test(.live) { bayeux in
            let clientID = try await bayeux.ready(subscriptions: ["/workspace/v3/voice"])
            async let held = bayeux.connect(clientID)
            try await bayeux.waitForHeldConnects(1)
            let alice = CometDIdentity(tenant: "acme", userName: "alice")
            #expect(fixture.server.deliver(channel: "/workspace/v3/voice", data: ["n": 1], to: alice) == 1)
            let replies = try await held
            #expect(deliveries(replies) == [["channel": "/workspace/v3/voice", "data": ["n": 1]]])
            #expect(connectReply(replies)?["successful"] == true)
        }
    }

    @Test func aSingleObjectBodyIsAccepted() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let response = try await bayeux.post(#"{"channel":"/meta/handshake","id":"1"}"#, user: "acme\\alice")
            #expect(response.status == .ok)
            let replies = try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
            #expect(replies[0]?["successful"] == true)
            #expect(replies[0]?["id"] == "1")
        }
    }

    @Test func aBatchIsAnsweredInOrderWithTheConnectLast() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake()
            let id = JSONValue.string(clientID)
            let replies = try await bayeux.send([
                ["channel": "/meta/subscribe", "clientId": id, "subscription": "/x", "id": "1"],
                ["channel": "/meta/connect", "clientId": id, "connectionType": "long-polling", "id": "2"],
            ])
            #expect(replies.map { $0["id"] } == ["1", "2"])
            #expect(replies.map { $0["channel"] } == ["/meta/subscribe", "/meta/connect"])
        }
    }

    @Test(arguments: [
        ("", "empty body"),
        ("not json", "malformed JSON"),
        ("[{\"channel\": \"/meta/handshake\"", "malformed JSON"),
        ("42", "expected a JSON array"),
        ("\"/meta/handshake\"", "expected a JSON array"),
        ("[]", "empty message array"),
        ("[1, 2]", "message 0 is not a JSON object"),
        ("[{\"channel\": \"/meta/handshake\"}, {\"id\": \"2\"}]", "message 1 has no \"channel\""),
        ("[{\"channel\": 5}]", "message 0 has no \"channel\""),
    ])
    func malformedBodiesAre400(body: String, message: String) async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let response = try await bayeux.post(body, user: "acme\\alice")
            #expect(response.status == .badRequest)
            let envelope = try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
            #expect(envelope["status"]?["code"] == 400)
            let text = try #require(envelope["status"]?["message"]?.stringValue)
            #expect(text.contains(message), "\(text)")
            #expect(fixture.server.clientCount == 0)
        }
    }
}
