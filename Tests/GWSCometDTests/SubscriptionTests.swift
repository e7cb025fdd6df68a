import GWSStores
import Synchronization
import Testing

@testable import GWSCometD

/// `/meta/subscribe`, `/meta/unsubscribe`, wildcards, authorisation and publishing.
@Suite("CometD subscriptions")
struct SubscriptionTests {
    static let alice = CometDIdentity(tenant: "acme", userName: "alice")

    @Test func subscribeEchoesAndRecordsAStringOrAnArray() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake()
            let one = try await bayeux.subscribe(clientID, "/workspace/v3/voice")
            #expect(one["successful"] == true)
            #expect(one["subscription"] == "/workspace/v3/voice")
            #expect(one["channel"] == "/meta/subscribe")
            #expect(one["id"] == "s")
            #expect(one["clientId"] == .string(clientID))
            let many = try await bayeux.subscribe(clientID, ["/workspace/v3/initialization", "/workspace/v3/media/**"])
            #expect(many["successful"] == true)
            #expect(many["subscription"] == ["/workspace/v3/initialization", "/workspace/v3/media/**"])
            #expect(
                fixture.server.subscriptions(of: Self.alice)
                    == ["/workspace/v3/voice", "/workspace/v3/initialization", "/workspace/v3/media/**"])
            #expect(
                fixture.log.all == [
                    "subscribe acme\\alice /workspace/v3/voice",
                    "subscribe acme\\alice /workspace/v3/initialization",
                    "subscribe acme\\alice /workspace/v3/media/**",
                ])
        }
    }

    @Test func wildcardSubscriptionsReceiveMatchingChannels() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: ["/a/*", "/b/**"])
            for channel in ["/a", "/a/x", "/a/x/y", "/b", "/b/x", "/b/x/y", "/c/x"] {
                fixture.server.deliver(channel: channel, data: .string(channel), to: Self.alice)
            }
            let replies = try await bayeux.connect(clientID)
            #expect(deliveries(replies).map { $0["channel"] } == ["/a/x", "/b/x", "/b/x/y"])
        }
    }

    @Test func unsubscribeStopsDeliveries() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: ["/x", "/y"])
            let replies = try await bayeux.send(
                [["channel": "/meta/unsubscribe", "clientId": .string(clientID), "subscription": "/x", "id": "u"]])
            #expect(replies.first?["successful"] == true)
            #expect(replies.first?["subscription"] == "/x")
            #expect(replies.first?["id"] == "u")
            #expect(fixture.server.deliver(channel: "/x", data: 1, to: Self.alice) == 0)
            #expect(fixture.server.deliver(channel: "/y", data: 2, to: Self.alice) == 1)
            #expect(deliveries(try await bayeux.connect(clientID)).map { $0["data"] } == [2])
        }
    }

    @Test func authorisationHookDeniesWith403Forbidden() async throws {
        let fixture = CometDFixture { hooks, _ in
            hooks.authorizeSubscription = { identity, channel in
                channel.hasPrefix("/workspace/") && identity.tenant == "acme"
            }
        }
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake()
            let denied = try await bayeux.subscribe(clientID, ["/workspace/v3/voice", "/statistics/v3/updates"])
            #expect(denied["successful"] == false)
            #expect(denied["error"] == "403::Forbidden")
            #expect(denied["subscription"] == ["/workspace/v3/voice", "/statistics/v3/updates"])
            // All or nothing: the allowed one was not recorded either.
            #expect(fixture.server.subscriptions(of: Self.alice).isEmpty)
            #expect(fixture.log.all.isEmpty)
            let allowed = try await bayeux.subscribe(clientID, "/workspace/v3/voice")
            #expect(allowed["successful"] == true)
        }
    }

    @Test func metaChannelsAndMalformedNamesCannotBeSubscribed() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let clientID = try await bayeux.handshake()
            #expect(try await bayeux.subscribe(clientID, "/meta/connect")["error"] == "403::Forbidden")
            for bad: JSONValue in ["", "nochannel", "/a//b", "/a/*/b", "/a/b*", 5, [], ["/ok", 3]] {
                let reply = try await bayeux.subscribe(clientID, bad)
                #expect(reply["successful"] == false, "\(bad)")
                #expect(reply["error"] == "400::Invalid channel", "\(bad)")
            }
            #expect(fixture.server.subscriptions(of: Self.alice).isEmpty)
        }
    }

    @Test func onSubscribeCanDeliverInitialState() async throws {
        let server = ServerBox()
        let fixture = CometDFixture { hooks, _ in
            hooks.onSubscribe = { identity, channel in
                server.value?.deliver(channel: channel, data: ["messageType": "ServiceStateChanged"], to: identity)
            }
        }
        server.value = fixture.server
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: ["/workspace/v3/voice"])
            let replies = try await bayeux.connect(clientID)
            let expected: JSONValue = ["channel": "/workspace/v3/voice", "data": ["messageType": "ServiceStateChanged"]]
            #expect(deliveries(replies) == [expected])
        }
    }

    @Test func publishIsDeniedUnlessAHookAcceptsIt() async throws {
        let denying = CometDFixture()
        try await denying.test { bayeux in
            let clientID = try await bayeux.handshake()
            let replies = try await bayeux.send(
                [["channel": "/service/echo", "clientId": .string(clientID), "data": ["x": 1], "id": "p"]])
            #expect(replies.first?["successful"] == false)
            #expect(replies.first?["error"] == "403::Publish denied")
            #expect(replies.first?["id"] == "p")
        }
        let accepting = CometDFixture { hooks, log in
            hooks.onPublish = { identity, channel, data in
                log.append("publish \(identity) \(channel) \(data["x"]?.intValue ?? -1)")
                return true
            }
        }
        try await accepting.test { bayeux in
            let clientID = try await bayeux.handshake()
            let replies = try await bayeux.send(
                [["channel": "/service/echo", "clientId": .string(clientID), "data": ["x": 1]]])
            #expect(replies.first?["successful"] == true)
            #expect(accepting.log.all == ["publish acme\\alice /service/echo 1"])
        }
    }
}

/// Lets a hook reach the server the fixture creates after the hooks.
final class ServerBox: Sendable {
    private let server = Mutex<CometDServer?>(nil)

    var value: CometDServer? {
        get { server.withLock { $0 } }
        set { server.withLock { $0 = newValue } }
    }
}
