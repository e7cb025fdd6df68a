import GWSStores
import Testing

@testable import GWSCometD

/// `/meta/connect` long-polling: immediate answers, wake-ups, timeouts, releases.
@Suite("CometD long-polling connect")
struct ConnectTests {
    static let alice = CometDIdentity(tenant: "acme", userName: "alice")
    static let voice = "/workspace/v3/voice"

    @Test func firstConnectReturnsAtOnceWithAdvice() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake()
            let start = ContinuousClock.now
            let replies = try await bayeux.connect(clientID, id: "42")
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(replies.count == 1)
            let reply = try #require(connectReply(replies))
            #expect(reply["successful"] == true)
            #expect(reply["clientId"] == .string(clientID))
            #expect(reply["id"] == "42")
            #expect(reply["advice"] == ["reconnect": "retry", "interval": 0, "timeout": 60000])
        }
    }

    @Test func heldConnectWakesUpWhenAMessageIsDelivered() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            let start = ContinuousClock.now
            async let held = bayeux.connect(clientID)
            try await bayeux.waitForHeldConnects(1)
            let event: JSONValue = ["messageType": "DnStateChanged", "dn": ["number": "5001"]]
            #expect(fixture.server.deliver(channel: Self.voice, data: event, to: Self.alice) == 1)
            let replies = try await held
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(deliveries(replies) == [["channel": .string(Self.voice), "data": event]])
            // Deliveries come before the connect reply.
            #expect(replies.last?["channel"] == "/meta/connect")
            #expect(replies.last?["successful"] == true)
            #expect(fixture.server.heldConnectCount == 0)
        }
    }

    @Test func heldConnectTimesOutEmpty() async throws {
        let fixture = CometDFixture(longPollTimeout: .milliseconds(200))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            let start = ContinuousClock.now
            let replies = try await bayeux.connect(clientID)
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(190))
            #expect(elapsed < .seconds(30))
            #expect(replies.count == 1)
            #expect(connectReply(replies)?["advice"]?["reconnect"] == "retry")
            #expect(fixture.server.heldConnectCount == 0)
        }
    }

    @Test func queuedMessagesMakeTheNextConnectReturnAtOnce() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            fixture.server.deliver(channel: Self.voice, data: 1, to: Self.alice)
            fixture.server.deliver(channel: Self.voice, data: 2, to: Self.alice)
            let replies = try await bayeux.connect(clientID)
            #expect(deliveries(replies).map { $0["data"] } == [1, 2])
        }
    }

    @Test func clientAdviceTimeoutZeroReturnsAtOnce() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            let start = ContinuousClock.now
            let replies = try await bayeux.connect(clientID, advice: ["timeout": 0])
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(connectReply(replies)?["successful"] == true)
        }
    }

    @Test func disconnectReleasesAHeldConnect() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            let start = ContinuousClock.now
            async let held = bayeux.connect(clientID)
            try await bayeux.waitForHeldConnects(1)
            let bye = try await bayeux.send([["channel": "/meta/disconnect", "clientId": .string(clientID)]])
            #expect(bye.first?["successful"] == true)
            let replies = try await held
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(connectReply(replies)?["advice"]?["reconnect"] == "none")
            #expect(fixture.server.clientCount == 0)
        }
    }

    @Test func appDisconnectOfAnIdentityReleasesItsConnects() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            _ = try await bayeux.ready("acme\\bob", subscriptions: [Self.voice])
            async let held = bayeux.connect(clientID)
            try await bayeux.waitForHeldConnects(1)
            #expect(await fixture.server.disconnect(Self.alice) == 1)
            let replies = try await held
            #expect(connectReply(replies)?["advice"]?["reconnect"] == "none")
            #expect(fixture.server.clientCount == 1)
            #expect(fixture.log.all.contains("disconnect acme\\alice"))
        }
    }

    @Test func newConnectReleasesTheHeldOne() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            async let first = bayeux.connect(clientID, id: "first")
            try await bayeux.waitForHeldConnects(1)
            async let second = bayeux.connect(clientID, id: "second")
            let firstReplies = try await first
            #expect(connectReply(firstReplies)?["id"] == "first")
            #expect(connectReply(firstReplies)?["successful"] == true)
            try await bayeux.waitForHeldConnects(1)
            fixture.server.deliver(channel: Self.voice, data: "x", to: Self.alice)
            let secondReplies = try await second
            #expect(connectReply(secondReplies)?["id"] == "second")
            #expect(deliveries(secondReplies).map { $0["data"] } == ["x"])
        }
    }

    @Test func unsupportedConnectionTypeIsRefused() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake()
            let replies = try await bayeux.send(
                [["channel": "/meta/connect", "clientId": .string(clientID), "connectionType": "websocket"]])
            #expect(replies.first?["successful"] == false)
            #expect(replies.first?["error"] == "301::Unsupported connection type")
        }
    }

    @Test func queueKeepsTheNewestMessagesWithinItsBound() async throws {
        let fixture = CometDFixture(maxQueuedMessages: 3)
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: [Self.voice])
            for value in 1...5 {
                fixture.server.deliver(channel: Self.voice, data: .int(value), to: Self.alice)
            }
            let replies = try await bayeux.connect(clientID)
            #expect(deliveries(replies).map { $0["data"] } == [3, 4, 5])
        }
    }
}
