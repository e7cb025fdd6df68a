import GWSStores
import Testing

@testable import GWSCometD

/// Addressing: one identity, a predicate (tenant-wide), everyone.
@Suite("CometD delivery")
struct DeliveryTests {
    static let channel = "/statistics/v3/updates"

    @Test func deliverToAnIdentityReachesOnlyItsSubscribedClients() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let tab1 = try await bayeux.ready("acme\\alice", subscriptions: [Self.channel])
            let tab2 = try await bayeux.ready("acme\\alice", subscriptions: [Self.channel])
            let unsubscribed = try await bayeux.ready("acme\\alice", subscriptions: [])
            let bob = try await bayeux.ready("acme\\bob", subscriptions: [Self.channel])
            let alice = CometDIdentity(tenant: "acme", userName: "alice")
            #expect(fixture.server.deliver(channel: Self.channel, data: "a", to: alice) == 2)
            #expect(deliveries(try await bayeux.connect(tab1)).map { $0["data"] } == ["a"])
            #expect(deliveries(try await bayeux.connect(tab2)).map { $0["data"] } == ["a"])
            // The others have nothing queued: their connects time out empty.
            #expect(deliveries(try await bayeux.connect(unsubscribed)).isEmpty)
            #expect(deliveries(try await bayeux.connect(bob)).isEmpty)
            // Nobody of that identity: nothing queued.
            let stranger = CometDIdentity(tenant: "x", userName: "y")
            #expect(fixture.server.deliver(channel: Self.channel, data: "a", to: stranger) == 0)
        }
    }

    @Test func deliverWherePredicateFansOutToATenant() async throws {
        let fixture = CometDFixture()
        try await fixture.test { bayeux in
            let alice = try await bayeux.ready("acme\\alice", subscriptions: [Self.channel])
            let bob = try await bayeux.ready("acme\\bob", subscriptions: ["/statistics/**"])
            let carol = try await bayeux.ready("other\\carol", subscriptions: [Self.channel])
            let count = fixture.server.deliver(channel: Self.channel, data: ["value": 3]) { $0.tenant == "acme" }
            #expect(count == 2)
            #expect(deliveries(try await bayeux.connect(alice)).count == 1)
            #expect(deliveries(try await bayeux.connect(bob)).count == 1)
            #expect(deliveries(try await bayeux.connect(carol)).isEmpty)
        }
    }

    @Test func broadcastReachesEverySubscriber() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let alice = try await bayeux.ready("acme\\alice", subscriptions: [Self.channel])
            let carol = try await bayeux.ready("other\\carol", subscriptions: [Self.channel])
            _ = try await bayeux.ready("other\\dave", subscriptions: ["/elsewhere"])
            async let heldAlice = bayeux.connect(alice)
            async let heldCarol = bayeux.connect(carol)
            try await bayeux.waitForHeldConnects(2)
            #expect(fixture.server.broadcast(channel: Self.channel, data: "all") == 2)
            #expect(deliveries(try await heldAlice).map { $0["data"] } == ["all"])
            #expect(deliveries(try await heldCarol).map { $0["data"] } == ["all"])
        }
    }
}
