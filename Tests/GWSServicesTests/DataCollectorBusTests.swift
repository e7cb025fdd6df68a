import Foundation
import GWSStores
import GWSTestKit
import GWSVoice
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The Data Collector (the sole indexer: no registry) files the voice events of the event stream of a
/// real Redis in the statistics store.
@Suite("Data Collector bus", .serialized)
struct DataCollectorBusTests {
    /// Polls `condition` for ~5 s.
    func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        for _ in 0..<250 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test("DnStateChanged events set the agent's state, with its groups, as the Data Collector API shows it")
    func agentStates() async throws {
        try await withStatisticsStack { stack in
            let client = stack.dataCollector
            try await stack.publish(VoiceEvents.dn("alice", .ready, at: 10))
            #expect(try await eventually {
                try await client.gws(.get, "/datacollector/v3/agents/e1/state").data?["agentState"]?["state"] == "Ready"
            })
            let alice = try await client.gws(.get, "/datacollector/v3/agents/e1/state")
            #expect(alice.data?["agentState"]?["groups"] == ["Sales", "Support"])
            #expect(alice.data?["agentState"]?["agentId"] == "login-alice")

            try await stack.publish(VoiceEvents.dn("alice", .notReady, reason: "Lunch", at: 20))
            try await stack.publish(VoiceEvents.dn("bob", .loggedIn, at: 20))
            #expect(try await eventually {
                let counts = try await client.gws(.get, "/datacollector/v3/agent-states/counts?group=Sales")
                return counts.data?["counts"]?["NotReady"] == 2
            })
            let lunch = try await client.gws(.get, "/datacollector/v3/agents/e1/state")
            #expect(lunch.data?["agentState"]?["reason"] == "Lunch")
            // Another tenant sees none of it.
            let other = try await client.gws(.get, "/datacollector/v3/agents/e1/state", tenant: "other")
            #expect(other.status == .notFound)
        }
    }

    @Test("CallStateChanged events record calls in progress, and talk time once released")
    func calls() async throws {
        try await withStatisticsStack { stack in
            let store = stack.stores.statistics
            try await stack.publish(VoiceEvents.call("alice", "c1", .ringing, at: 1))
            #expect(try await eventually { try await store.callsInProgress(employeeId: "acme/e1", group: nil) == 1 })
            #expect(try await store.callsInProgress(employeeId: nil, group: "acme/Sales") == 1)
            #expect(try await store.callsInProgress(employeeId: nil, group: "acme/") == 1)
            try await stack.publish(VoiceEvents.call("alice", "c1", .established, at: 5, answeredAt: 5))
            try await stack.publish(VoiceEvents.call("alice", "c1", .released, at: 65, answeredAt: 5, talkSeconds: 60))
            #expect(try await eventually { try await store.talkTimeSeconds(employeeId: "acme/e1") == 60 })
            #expect(try await store.callsInProgress(employeeId: "acme/e1", group: nil) == 0)
            let call = try await store.call(id: "acme/e1/c1")
            #expect(call?.state == .released)
            #expect(call?.establishedAt == VoiceEvents.date(5))
            #expect(call?.group.sorted() == ["acme/", "acme/Sales", "acme/Support"])
        }
    }

    @Test("an event older than the stored state is ignored and not announced; a replay changes nothing")
    func idempotent() async throws {
        try await withStatisticsStack { stack in
            let subscriber = RedisSubscriber(configuration: await stack.redisServer.configuration(), logger: testLogger)
            defer { Task { await subscriber.close() } }
            let announcements = try await subscriber.psubscribe(patterns: ["gws:stats:*"])
            try await stack.publish(VoiceEvents.dn("bob", .ready, at: 30))
            try await stack.publish(VoiceEvents.dn("bob", .notReady, at: 20))  // late, older
            try await stack.publish(VoiceEvents.dn("bob", .ready, at: 30))  // replayed
            #expect(try await eventually { try await stack.stores.statistics.agentState(employeeId: "acme/e2") != nil })
            #expect(try await stack.stores.statistics.agentState(employeeId: "acme/e2")?.state == .ready)
            // A marker after them: one agent's events are recorded and announced in order.
            try await stack.publish(VoiceEvents.dn("bob", .notReady, at: 40))
            var received: [StatisticsChange] = []
            for await message in announcements {
                let change = try StatisticsChange(jsonString: message.string)
                guard change.employeeId == "e2" else { continue }
                if change.at == VoiceEvents.date(40) { break }
                received.append(change)
            }
            // bob's first Ready (and perhaps the equal replay), never the older NotReady.
            #expect(!received.isEmpty && received.allSatisfy { $0.kind == .agentState && $0.at == VoiceEvents.date(30) })
            #expect(received.first?.groups == ["Sales"])
        }
    }

    @Test("events without an employee id anywhere, or that are not voice events, are skipped")
    func skipped() async throws {
        try await withStatisticsStack { stack in
            try await stack.publish(VoiceEvents.dn("stranger", .ready, at: 1))
            try await stack.redis.xadd(AgentNotification.streamKey, fields: [.init(name: "n", value: "not json")])
            try await stack.redis.xadd(AgentNotification.streamKey, fields: [.init(name: "other", value: "{}")])
            let error = AgentNotification(
                tenant: "acme", userName: "alice", employeeId: "e1",
                event: .eventError(EventError(errorMessage: "nope", errorCode: 400)), at: VoiceEvents.date(1), sequence: nil)
            try await stack.publish(error)
            // The employee id the event carries is used for an agent the directory does not know.
            try await stack.publish(VoiceEvents.dn("dora", .ready, at: 2, employeeId: "e9"))
            #expect(try await eventually { try await stack.stores.statistics.agentState(employeeId: "acme/e9") != nil })
            #expect(try await stack.stores.statistics.agentState(employeeId: "acme/e1") == nil)
            #expect(try await stack.stores.statistics.agentStateCounts(group: "acme/").total == 1)
        }
    }

    @Test("Redis down at startup: not ready; once Redis is back it reads the stream and collects events")
    func redisOutage() async throws {
        try await RedisTestServer.withServer { server in
            let url = await server.url
            await server.stop()
            try await withStores(["GWS_REDIS_URL": url]) { stores in
                let app = DataCollectorService.buildApplication(
                    makeScaffold("datacollector", stores: stores), directory: StaticAgentDirectory(agents: testAgents))
                try await app.test(.router) { client in
                    let down = try await client.execute(uri: "/readyz?verbose", method: .get)
                    #expect(down.status == .serviceUnavailable)
                    try await server.restart()
                    #expect(try await client.waitUntilReady(attempts: 600), "ready once Redis is back")
                    let stack = StatisticsStack(
                        statistics: client, dataCollector: client, stores: stores, redisServer: server)
                    try await stack.publish(VoiceEvents.dn("alice", .ready, at: 1))
                    #expect(try await eventually { try await stores.statistics.agentState(employeeId: "acme/e1")?.state == .ready })

                    // Redis restarts under it (empty): the indexer reads the checkpoint again and goes on.
                    try await server.restart()
                    #expect(try await eventually {
                        try? await stack.publish(VoiceEvents.dn("alice", .notReady, at: 2))
                        return try await stores.statistics.agentState(employeeId: "acme/e1")?.state == .notReady
                    })
                }
            }
        }
    }
}
