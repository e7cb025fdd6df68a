import Foundation
import GWSStores
import Testing

/// Calls and versioned writes, against both ``StatisticsStore`` implementations.
@Suite("StatisticsStore calls and versions", .osmemServer)
struct StatisticsStoreCallTests {
    typealias Kind = StatisticsStoreContractTests.Kind

    /// A fresh, empty, prepared store of `kind`.
    private func makeStore(_ kind: Kind) async throws -> any StatisticsStore {
        let store: any StatisticsStore
        switch kind {
        case .embedded:
            store = EmbeddedStatisticsStore()
        case .elasticsearch:
            store = ElasticsearchStatisticsStore(
                client: try SearchTestSupport.client(), indexPrefix: SearchTestSupport.uniqueIndex("gws"),
                refresh: .immediate, logger: SearchTestSupport.logger)
        }
        try await store.prepare()
        return store
    }

    private func call(
        _ id: String, agent: String, _ state: CallDocument.State, groups: [String] = [], talk: Double? = nil,
        at seconds: Int
    ) -> CallDocument {
        CallDocument(
            callId: id, employeeId: agent, state: state, callType: "Inbound", group: groups,
            createdAt: SearchTestSupport.date(0), establishedAt: state == .ringing ? nil : SearchTestSupport.date(5),
            releasedAt: talk == nil ? nil : SearchTestSupport.date(seconds), talkSeconds: talk,
            updatedAt: SearchTestSupport.date(seconds))
    }

    @Test("calls in progress are counted per agent, per group and overall", arguments: Kind.allCases)
    func callsInProgress(kind: Kind) async throws {
        let store = try await makeStore(kind)
        #expect(try await store.callsInProgress(employeeId: nil, group: nil) == 0)
        for document in [
            call("c1", agent: "e1", .ringing, groups: ["sales"], at: 1),
            call("c2", agent: "e1", .held, groups: ["sales"], at: 2),
            call("c3", agent: "e2", .established, groups: ["support"], at: 3),
            call("c4", agent: "e2", .released, groups: ["support"], talk: 30, at: 4),
            call("c5", agent: "e3", .dialing, groups: ["sales", "support"], at: 5),
        ] {
            #expect(try await store.putCall(document))
        }
        #expect(try await store.callsInProgress(employeeId: nil, group: nil) == 4)
        #expect(try await store.callsInProgress(employeeId: "e1", group: nil) == 2)
        #expect(try await store.callsInProgress(employeeId: "e2", group: nil) == 1)
        #expect(try await store.callsInProgress(employeeId: nil, group: "sales") == 3)
        #expect(try await store.callsInProgress(employeeId: "e2", group: "sales") == 0)
        #expect(try await store.callsInProgress(employeeId: "nobody", group: nil) == 0)
        #expect(try await store.call(id: "c3")?.state == .established)
        #expect(try await store.call(id: "none") == nil)
    }

    @Test("talk time sums the agent's released and completed calls", arguments: Kind.allCases)
    func talkTime(kind: Kind) async throws {
        let store = try await makeStore(kind)
        #expect(try await store.talkTimeSeconds(employeeId: "e1") == 0)
        try await store.putCall(call("c1", agent: "e1", .established, at: 10))
        #expect(try await store.talkTimeSeconds(employeeId: "e1") == 0)
        try await store.putCall(call("c1", agent: "e1", .released, talk: 42.5, at: 20))
        try await store.putCall(call("c2", agent: "e1", .completed, talk: 7.5, at: 30))
        try await store.putCall(call("c3", agent: "e2", .released, talk: 100, at: 30))
        #expect(try await store.talkTimeSeconds(employeeId: "e1") == 50)
        #expect(try await store.talkTimeSeconds(employeeId: "e2") == 100)
        // Completing a released call does not count it twice.
        try await store.putCall(call("c1", agent: "e1", .completed, talk: 42.5, at: 40))
        #expect(try await store.talkTimeSeconds(employeeId: "e1") == 50)
    }

    @Test("an older call or agent state never replaces a newer one; the same one again is harmless", arguments: Kind.allCases)
    func versions(kind: Kind) async throws {
        let store = try await makeStore(kind)
        #expect(try await store.putCall(call("c1", agent: "e1", .released, talk: 12, at: 20)))
        #expect(try await store.putCall(call("c1", agent: "e1", .established, at: 10)) == false)
        #expect(try await store.call(id: "c1")?.state == .released)
        #expect(try await store.callsInProgress(employeeId: "e1", group: nil) == 0)
        #expect(try await store.putCall(call("c1", agent: "e1", .released, talk: 12, at: 20)))
        #expect(try await store.talkTimeSeconds(employeeId: "e1") == 12)

        let newer = AgentStateDocument(employeeId: "e1", agentId: "a1", state: .ready, group: ["g"], updatedAt: SearchTestSupport.date(20))
        let older = AgentStateDocument(employeeId: "e1", agentId: "a1", state: .notReady, group: ["g"], updatedAt: SearchTestSupport.date(10))
        #expect(try await store.putAgentState(newer))
        #expect(try await store.putAgentState(older) == false)
        #expect(try await store.agentState(employeeId: "e1")?.state == .ready)
        #expect(try await store.agentCount(in: .ready, group: "g") == 1)
        #expect(try await store.putAgentState(newer))
    }
}
