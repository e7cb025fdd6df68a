import GWSDiscovery
import GWSStores
import GWSTestKit
import GWSVoice
import Testing

@testable import GWSServices

/// The registry goes away (the operator restarting) while an indexer leads: it stops indexing when its
/// lease ends, the stream keeps the events, and once a registry answers again (empty, as after a
/// restart) it leads again and records them from the checkpoint.
@Suite("Data Collector indexer, registry outage", .serialized)
struct DataCollectorIndexerRegistryOutageTests {
    @Test("leadership ends with the lease while the registry is down; nothing published meanwhile is lost")
    func registryOutage() async throws {
        let clock = ManualDiscoveryClock()
        let registry = RestartableRegistry(port: try freePort(), clock: clock)
        let first = try await registry.start()
        try await RedisTestServer.withServer { server in
            let url = await server.url
            try await withStores(["GWS_REDIS_URL": url]) { stores in
                let fixture = IndexerElectionFixture(
                    clock: clock, registry: first, registryPort: registry.port, stores: stores, redisServer: server,
                    redis: try #require(stores.redis))
                let a = await fixture.candidate("a")
                let task = Task { try await a.service.run() }
                #expect(try await eventually { a.status.role == .leader })
                try await fixture.publish(VoiceEvents.dn("alice", .ready, at: 10))
                #expect(try await eventually { a.status.recorded == 1 })

                await registry.stop()
                // Drive the clock: renewals fail, and the lease (10 s from the last renewal) runs out.
                try await fixture.settle()
                while a.status.role == .leader, clock.now() < .seconds(30) {
                    clock.advance(by: .milliseconds(250))
                    try await fixture.settle()
                }
                // (When exactly, against the lease, is LeaderElection's and tested in GWSDiscoveryTests; the
                // status changes once the indexer has stopped, after its blocking read returned.)
                #expect(a.status.role == .follower(leader: nil))
                #expect(clock.now() >= .seconds(10), "not before the lease ran out")

                try await fixture.publish(
                    VoiceEvents.dn("alice", .notReady, at: 20), VoiceEvents.dn("bob", .ready, at: 20))
                let waiting = try await fixture.checkpointAndLastEntry()
                #expect(waiting.checkpoint < (waiting.last ?? .zero), "the stream holds events past the checkpoint")
                #expect(a.status.recorded == 1, "nobody indexes")

                // The registry is back, empty: the old session is unknown, a new one wins the lock.
                try await registry.start()
                while a.status.role != .leader, clock.now() < .seconds(60) {
                    clock.advance(by: .milliseconds(250))
                    try await fixture.settle()
                }
                #expect(a.status.role == .leader)
                let statistics = stores.statistics
                #expect(try await eventually { try await statistics.agentState(employeeId: "acme/e2")?.state == .ready })
                #expect(try await statistics.agentState(employeeId: "acme/e1")?.state == .notReady)
                #expect(try await eventually { a.status.recorded == 3 })
                #expect(try await eventually {
                    let (checkpoint, last) = try await fixture.checkpointAndLastEntry()
                    return checkpoint == last
                })
                task.cancel()
                _ = await task.result
                await a.redis.close()
            }
        }
        await registry.stop()
    }
}
