import GWSDiscovery
import GWSStores
import GWSTestKit
import GWSVoice
import ServiceLifecycle
import Testing

@testable import GWSServices

/// Two Data Collector indexers elect a leader in the embedded registry: only the leader records the
/// event stream; when it is killed (no release) or stops gracefully, the other takes over from the
/// checkpoint and records every event published meanwhile.
@Suite("Data Collector indexer election", .serialized)
struct DataCollectorIndexerElectionTests {
    /// Candidates `a` and `b` (not started).
    func candidates(
        _ fixture: IndexerElectionFixture
    ) async throws -> (a: IndexerElectionFixture.Candidate, b: IndexerElectionFixture.Candidate) {
        let a = await fixture.candidate("a")
        let b = await fixture.candidate("b")
        return (a, b)
    }

    /// The first round: events recorded by the leader `a` only, and the checkpoint at the stream's end.
    func firstRound(_ fixture: IndexerElectionFixture, a: IndexerElectionFixture.Candidate, b: IndexerElectionFixture.Candidate) async throws {
        #expect(try await eventually { a.status.role == .leader })
        #expect(try await eventually { b.status.role == .follower(leader: "a") })
        try await fixture.publish(
            VoiceEvents.dn("alice", .ready, at: 10), VoiceEvents.dn("bob", .ready, at: 10),
            VoiceEvents.call("alice", "c1", .ringing, at: 11))
        let statistics = fixture.stores.statistics
        #expect(try await eventually { try await statistics.callsInProgress(employeeId: "acme/e1", group: nil) == 1 })
        #expect(try await eventually { a.status.recorded == 3 })
        #expect(try await statistics.agentState(employeeId: "acme/e2")?.state == .ready)
        // The checkpoint follows the writes: wait until it covers the whole stream.
        #expect(try await eventually {
            let (checkpoint, last) = try await fixture.checkpointAndLastEntry()
            return checkpoint == last
        })
        #expect(b.status.recorded == 0, "a follower records nothing")
    }

    /// `stop` ends `a`'s leadership; events are published; `takeOver` lets `b` lead; then checks that `b`
    /// records all of those events and only them.
    func secondRound(
        _ fixture: IndexerElectionFixture, a: IndexerElectionFixture.Candidate, b: IndexerElectionFixture.Candidate,
        stop: () async throws -> Void, takeOver: () async throws -> Void = {}
    ) async throws {
        try await stop()
        #expect(a.status.role == .follower(leader: nil), "a stopped indexing")
        try await fixture.publish(
            VoiceEvents.dn("alice", .notReady, reason: "Lunch", at: 20), VoiceEvents.dn("carl", .ready, at: 20),
            VoiceEvents.call("alice", "c1", .released, at: 71, answeredAt: 11, talkSeconds: 60),
            VoiceEvents.dn("bob", .loggedOut, at: 21))
        try await takeOver()
        #expect(try await eventually { b.status.role == .leader })
        let statistics = fixture.stores.statistics
        #expect(try await eventually { try await statistics.agentState(employeeId: "acme/e2")?.state == .loggedOut })
        #expect(try await eventually { b.status.recorded == 4 })
        #expect(try await statistics.agentState(employeeId: "acme/e1")?.state == .notReady)
        #expect(try await statistics.agentState(employeeId: "acme/e1")?.reason == "Lunch")
        #expect(try await statistics.agentState(employeeId: "acme/e3")?.state == .ready)
        #expect(try await statistics.talkTimeSeconds(employeeId: "acme/e1") == 60)
        #expect(try await statistics.callsInProgress(employeeId: "acme/e1", group: nil) == 0)
        #expect(a.status.recorded == 3, "the old leader recorded nothing more")
        #expect(try await eventually {
            let (checkpoint, last) = try await fixture.checkpointAndLastEntry()
            return checkpoint == last
        })
        // b resumed from the checkpoint: it recorded the 4 new events, not the 3 before them.
        #expect(b.status.recorded == 4)
    }

    @Test("killed leader: the follower takes over after TTL + lock-delay and records what was published meanwhile")
    func killedLeader() async throws {
        try await IndexerElectionFixture.run { fixture in
            let (a, b) = try await candidates(fixture)
            let taskA = Task { try await a.service.run() }
            #expect(try await eventually { a.status.role == .leader })
            let taskB = Task { try await b.service.run() }
            try await firstRound(fixture, a: a, b: b)

            try await secondRound(fixture, a: a, b: b) {
                // Kill a: cancelled, it stops indexing and releases nothing.
                taskA.cancel()
                _ = await taskA.result
                #expect(await fixture.registry.kvPair("gws/leader/data-collector-indexer")?.session != nil)
            } takeOver: {
                // Drive the clock until b leads: the registry's timer and b's election sleep on it.
                try await fixture.settle()
                while b.status.role != .leader, fixture.clock.now() < .seconds(30) {
                    fixture.clock.advance(by: .milliseconds(250))
                    try await fixture.settle()
                }
                #expect(fixture.clock.now() >= .seconds(12), "not before a's session expired and the lock-delay passed")
            }
            taskB.cancel()
            _ = await taskB.result
            await a.redis.close()
            await b.redis.close()
        }
    }

    @Test("graceful stop: the leader stops indexing, releases, and the follower takes over at once")
    func gracefulStop() async throws {
        try await IndexerElectionFixture.run { fixture in
            let (a, b) = try await candidates(fixture)
            let groupA = ServiceGroup(configuration: .init(services: [a.service], logger: testLogger))
            let taskA = Task { try await groupA.run() }
            #expect(try await eventually { a.status.role == .leader })
            let taskB = Task { try await b.service.run() }
            try await firstRound(fixture, a: a, b: b)

            try await secondRound(fixture, a: a, b: b) {
                await groupA.triggerGracefulShutdown()
                try await taskA.value
            }
            #expect(fixture.clock.now() == .zero, "no TTL or lock-delay waited out")
            #expect(await fixture.registry.kvPair("gws/leader/data-collector-indexer")?.string == "b")
            taskB.cancel()
            _ = await taskB.result
            await a.redis.close()
            await b.redis.close()
        }
    }
}
