import Foundation
import GWSServiceKit
import GWSStores
import GWSTestKit
import GWSVoice
import Prometheus
import Testing

@testable import GWSServices

/// The indexer's pure parts (batches, status) and its checkpoint against a real Redis.
@Suite("Data Collector indexer")
struct DataCollectorIndexerTests {
    func entry(_ ms: UInt64, _ notification: AgentNotification) throws -> RedisStreamEntry {
        RedisStreamEntry(
            id: RedisStreamID(milliseconds: ms, sequence: 0),
            fields: [.init(name: AgentNotification.streamField, value: try notification.jsonString())])
    }

    @Test("a batch keeps each agent's events in order in one queue, skips what is not a notification, ends at the last id")
    func batch() throws {
        let entries = [
            try entry(1, VoiceEvents.dn("alice", .ready, at: 1)),
            try entry(2, VoiceEvents.dn("bob", .ready, at: 2)),
            RedisStreamEntry(id: RedisStreamID(milliseconds: 3, sequence: 0), fields: [.init(name: "n", value: "not json")]),
            try entry(4, VoiceEvents.dn("alice", .notReady, at: 4)),
            try entry(5, VoiceEvents.dn("alice", .ready, at: 5, tenant: "other")),
            RedisStreamEntry(id: RedisStreamID(milliseconds: 6, sequence: 0), fields: [.init(name: "x", value: "{}")]),
        ]
        let batch = EventStreamBatch(entries, queues: 8)
        #expect(batch.count == 4)
        #expect(batch.last == RedisStreamID(milliseconds: 6, sequence: 0))
        #expect(batch.skipped == [RedisStreamID(milliseconds: 3, sequence: 0), RedisStreamID(milliseconds: 6, sequence: 0)])
        let acmeAlice = batch.queues.flatMap { $0 }.filter { $0.tenant == "acme" && $0.userName == "alice" }
        #expect(acmeAlice.map(\.at) == [VoiceEvents.date(1), VoiceEvents.date(4)])
        let queueOfAlice = try #require(batch.queues.first { $0.contains { $0.userName == "alice" && $0.tenant == "acme" } })
        #expect(queueOfAlice.filter { $0.userName == "alice" && $0.tenant == "acme" }.count == 2, "one agent, one queue")

        let single = EventStreamBatch(entries, queues: 1)
        #expect(single.queues.count == 1 && single.queues[0].map(\.at) == [1, 2, 4, 5].map(VoiceEvents.date))
        let empty = EventStreamBatch([], queues: 8)
        #expect(empty.queues.isEmpty && empty.last == nil && empty.count == 0)
    }

    @Test("an agent's queue is the same in every process (a stable hash, not hashValue)")
    func stableQueue() {
        let notification = VoiceEvents.dn("alice", .ready, at: 1)
        #expect(EventStreamBatch.queue(of: notification, among: 8) == EventStreamBatch.queue(of: notification, among: 8))
        #expect((0..<8).contains(EventStreamBatch.queue(of: notification, among: 8)))
        #expect(EventStreamBatch.queue(of: notification, among: 0) == 0)
    }

    @Test("the indexer line of /readyz always passes and says leader or follower; the leader gauge follows")
    func status() {
        let registry = PrometheusCollectorRegistry()
        let status = IndexerStatus(registry: registry)
        func metrics() -> String {
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
        #expect(status.readinessCheck() == .passed("follower (no leader elected yet)"))
        #expect(metrics().contains("gws_datacollector_indexer_leader 0"))
        status.set(.leader)
        status.setLag(1.5)
        #expect(status.readinessCheck() == .passed("leader (lag 1.500 s)"))
        #expect(metrics().contains("gws_datacollector_indexer_leader 1"))
        #expect(metrics().contains("gws_datacollector_indexer_lag_seconds 1.5"))
        status.didRecord(3)
        #expect(status.recorded == 3)
        #expect(metrics().contains("gws_datacollector_indexer_events_total 3"))
        status.set(.follower(leader: "datacollector-1@host:42"))
        #expect(status.readinessCheck() == .passed("follower (leader: datacollector-1@host:42)"))
        #expect(metrics().contains("gws_datacollector_indexer_leader 0"))
        #expect(metrics().contains("gws_datacollector_indexer_lag_seconds 0"), "a follower has no lag")
        status.set(.sole)
        #expect(status.readinessCheck().isOK)

        let report = HealthReport(
            probe: .readiness, entries: [.init(name: "indexer", result: status.readinessCheck()), .init(name: "redis", result: .ok)])
        #expect(report.passed)
        #expect(report.render(verbose: false) == "ok")
        #expect(report.render(verbose: true).hasPrefix("[+]indexer ok: leader (no registry: sole indexer"))
        let failing = HealthReport(
            probe: .readiness, entries: [.init(name: "indexer", result: .passed("follower")), .init(name: "redis", result: .failed("down"))])
        #expect(failing.render(verbose: false) == "[+]indexer ok\n[-]redis failed: reason withheld\nreadyz check failed\n")
    }

    @Test("the checkpoint starts at 0-0 and only moves forward")
    func checkpoint() async throws {
        try await RedisTestServer.withServer { server in
            let redis = RedisClient(configuration: await server.configuration(), logger: testLogger)
            defer { Task { await redis.close() } }
            let checkpoint = IndexerCheckpoint(redis: redis)
            #expect(checkpoint.key == "gws:stream:events:checkpoint")
            #expect(try await checkpoint.load() == .zero)
            #expect(try await checkpoint.advance(to: RedisStreamID(milliseconds: 1_767_225_600_123, sequence: 2)))
            #expect(try await checkpoint.load() == RedisStreamID(milliseconds: 1_767_225_600_123, sequence: 2))
            #expect(try await checkpoint.advance(to: RedisStreamID(milliseconds: 1_767_225_600_123, sequence: 1)) == false)
            #expect(try await checkpoint.advance(to: RedisStreamID(milliseconds: 1_767_225_600_122, sequence: 9)) == false)
            #expect(try await checkpoint.advance(to: RedisStreamID(milliseconds: 1_767_225_600_123, sequence: 2)) == false)
            #expect(try await checkpoint.advance(to: RedisStreamID(milliseconds: 1_767_225_600_124, sequence: 0)))
            #expect(try await checkpoint.load() == RedisStreamID(milliseconds: 1_767_225_600_124, sequence: 0))
            try await redis.set(checkpoint.key, to: "garbage")
            await #expect(throws: RedisError.self) { try await checkpoint.load() }
        }
    }
}
