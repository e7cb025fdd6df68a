import GWSStores
import Testing

@testable import GWSCometD

/// Inactivity expiry with the injected clock, stopping, and the run loop.
@Suite("CometD lifecycle")
struct LifecycleTests {
    @Test func idleClientsExpireAfterMaxInactivity() async throws {
        let fixture = CometDFixture(maxInactivity: .seconds(60))
        try await fixture.test { bayeux in
            let idle = try await bayeux.ready("acme\\idle", subscriptions: ["/x"])
            fixture.clock.advance(by: .seconds(40))
            let active = try await bayeux.ready("acme\\active", subscriptions: ["/x"])
            // 40 s idle: nobody expires yet.
            #expect(await fixture.server.expireIdle(now: fixture.clock.now) == 0)
            fixture.clock.advance(by: .seconds(21))
            // 61 s for the first, 21 s for the second.
            #expect(await fixture.server.expireIdle(now: fixture.clock.now) == 1)
            #expect(fixture.server.clientCount == 1)
            #expect(fixture.log.all.contains("disconnect acme\\idle"))
            #expect(!fixture.log.all.contains("disconnect acme\\active"))
            let replies = try await bayeux.connect(idle)
            #expect(replies.first?["error"] == "402::Unknown client")
            #expect(replies.first?["advice"]?["reconnect"] == "handshake")
            // Any message counts as activity.
            fixture.clock.advance(by: .seconds(50))
            _ = try await bayeux.subscribe(active, "/y")
            fixture.clock.advance(by: .seconds(50))
            #expect(await fixture.server.expireIdle(now: fixture.clock.now) == 0)
        }
    }

    @Test func aHeldConnectIsNeverIdle() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60), maxInactivity: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: ["/x"])
            async let held = bayeux.connect(clientID)
            try await bayeux.waitForHeldConnects(1)
            fixture.clock.advance(by: .seconds(600))
            #expect(await fixture.server.expireIdle(now: fixture.clock.now) == 0)
            fixture.server.deliver(channel: "/x", data: 1, to: CometDIdentity(tenant: "acme", userName: "alice"))
            #expect(deliveries(try await held).count == 1)
        }
    }

    @Test func stopReleasesHeldConnectsWithRetryAndRefusesHandshakes() async throws {
        let fixture = CometDFixture(longPollTimeout: .seconds(60))
        try await fixture.test { bayeux in
            let clientID = try await bayeux.ready(subscriptions: ["/x"])
            let start = ContinuousClock.now
            async let held = bayeux.connect(clientID)
            try await bayeux.waitForHeldConnects(1)
            fixture.server.stop()
            let replies = try await held
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(connectReply(replies)?["successful"] == true)
            #expect(connectReply(replies)?["advice"]?["reconnect"] == "retry")
            #expect(fixture.server.isStopping)
            // Later connects return at once, spaced by the stopping interval.
            let again = try await bayeux.connect(clientID)
            #expect(connectReply(again)?["advice"]?["interval"] == 1000)
            let handshake = try await bayeux.send([["channel": "/meta/handshake"]], user: "acme\\alice")
            #expect(handshake.first?["successful"] == false)
            #expect(handshake.first?["error"] == "503::Server stopping")
            #expect(handshake.first?["advice"]?["reconnect"] == "handshake")
        }
    }

    @Test func runSweepsIdleClientsAndStopsWhenCancelled() async throws {
        let fixture = CometDFixture(
            longPollTimeout: .seconds(60), maxInactivity: .seconds(60), sweepInterval: .milliseconds(20))
        try await fixture.test { bayeux in
            let server = fixture.server
            let runner = Task { try await server.run() }
            _ = try await bayeux.ready("acme\\idle", subscriptions: ["/x"])
            let held = try await bayeux.ready(subscriptions: ["/x"])
            async let replies = bayeux.connect(held)
            try await bayeux.waitForHeldConnects(1)
            fixture.clock.advance(by: .seconds(61))
            let deadline = ContinuousClock.now.advanced(by: .seconds(30))
            while server.clientCount > 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(server.clientCount == 1)
            runner.cancel()
            try await runner.value
            #expect(server.isStopping)
            #expect(connectReply(try await replies)?["advice"]?["reconnect"] == "retry")
        }
    }
}
