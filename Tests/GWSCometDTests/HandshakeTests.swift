import GWSStores
import Testing

@testable import GWSCometD

/// `/meta/handshake`, unknown clients and `/meta/disconnect`.
@Suite("CometD handshake and sessions")
struct HandshakeTests {
    @Test func handshakeAnswersBayeuxFieldsAndBindsTheIdentity() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let replies = try await bayeux.send(
                [
                    [
                        "channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"],
                        "id": "7",
                    ]
                ], user: "acme\\alice")
            #expect(replies.count == 1)
            let reply = try #require(replies.first)
            #expect(reply["channel"] == "/meta/handshake")
            #expect(reply["successful"] == true)
            #expect(reply["version"] == "1.0")
            #expect(reply["supportedConnectionTypes"] == ["long-polling"])
            #expect(reply["id"] == "7")
            #expect(reply["advice"] == ["reconnect": "retry", "interval": 0, "timeout": 200])
            let clientID = try #require(reply["clientId"]?.stringValue)
            #expect(clientID.count == 32)
            #expect(fixture.server.clientCount(for: CometDIdentity(tenant: "acme", userName: "alice")) == 1)
            #expect(fixture.server.clientCount == 1)
            // A second handshake makes a different client.
            let other = try await bayeux.handshake()
            #expect(other != clientID)
            #expect(fixture.server.clientCount == 2)
        }
    }

    @Test func unauthenticatedHandshakeIsDenied() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let replies = try await bayeux.send([["channel": "/meta/handshake", "version": "1.0", "id": 3]])
            let reply = try #require(replies.first)
            #expect(reply["successful"] == false)
            #expect(reply["error"] == "403::Handshake denied")
            #expect(reply["advice"]?["reconnect"] == "none")
            #expect(reply["id"] == 3)
            #expect(reply["clientId"] == nil)
            #expect(fixture.server.clientCount == 0)
        }
    }

    @Test func authenticateErrorsBecomeHTTPErrors() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let response = try await bayeux.post(#"[{"channel":"/meta/handshake"}]"#, user: "no-backslash")
            #expect(response.status == .unauthorized)
            #expect(fixture.server.clientCount == 0)
        }
    }

    @Test func handshakeWithoutLongPollingIsRefused() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let replies = try await bayeux.send(
                [["channel": "/meta/handshake", "supportedConnectionTypes": ["websocket"]]], user: "acme\\alice")
            #expect(replies.first?["successful"] == false)
            #expect(replies.first?["error"] == "301::Unsupported connection type")
            #expect(fixture.server.clientCount == 0)
        }
    }

    @Test func unknownClientGets402WithHandshakeAdvice() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let channels = ["/meta/connect", "/meta/subscribe", "/meta/unsubscribe", "/meta/disconnect", "/foo/bar"]
            for channel in channels {
                let replies = try await bayeux.send(
                    [["channel": .string(channel), "clientId": "nope", "subscription": "/a", "id": "9"]])
                let reply = try #require(replies.first, "\(channel)")
                #expect(reply["channel"] == .string(channel))
                #expect(reply["successful"] == false, "\(channel)")
                #expect(reply["error"] == "402::Unknown client", "\(channel)")
                #expect(reply["advice"] == ["reconnect": "handshake", "interval": 0], "\(channel)")
                #expect(reply["id"] == "9")
            }
            // No clientId at all is unknown too.
            let replies = try await bayeux.send([["channel": "/meta/connect"]])
            #expect(replies.first?["error"] == "402::Unknown client")
        }
    }

    @Test func disconnectRemovesTheClientAndCallsTheHook() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake("acme\\bob")
            let replies = try await bayeux.send(
                [["channel": "/meta/disconnect", "clientId": .string(clientID), "id": "d"]])
            #expect(replies.first?["successful"] == true)
            #expect(replies.first?["id"] == "d")
            #expect(fixture.server.clientCount == 0)
            #expect(fixture.log.all == ["disconnect acme\\bob"])
            let after = try await bayeux.connect(clientID)
            #expect(after.first?["error"] == "402::Unknown client")
        }
    }

    @Test func unknownMetaChannelFails() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake()
            let replies = try await bayeux.send([["channel": "/meta/bogus", "clientId": .string(clientID)]])
            #expect(replies.first?["successful"] == false)
            #expect(replies.first?["error"] == "400::Unknown meta channel")
        }
    }

    @Test func clientIDsAreHexAndUnique() {
        let ids = (0..<1000).map { _ in CometDServer.makeClientID() }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }
}
