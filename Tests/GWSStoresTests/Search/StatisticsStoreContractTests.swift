import Foundation
import GWSStores
import Testing

/// The same assertions against both ``StatisticsStore`` implementations.
@Suite("StatisticsStore contract", .osmemServer)
struct StatisticsStoreContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case embedded, elasticsearch
        var testDescription: String { rawValue }
    }

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
        try await store.prepare()  // idempotent
        return store
    }

    private func agent(_ id: String, _ state: AgentState, groups: [String], reason: String? = nil) -> AgentStateDocument {
        AgentStateDocument(
            employeeId: id, agentId: "login-\(id)", state: state, reason: reason, group: groups,
            updatedAt: SearchTestSupport.date(id.count * 60))
    }

    @Test("agent states are upserted per employee and read back", arguments: Kind.allCases)
    func agentStateUpsert(kind: Kind) async throws {
        let store = try await makeStore(kind)
        #expect(try await store.agentState(employeeId: "e1") == nil)
        let first = agent("e1", .ready, groups: ["sales"])
        try await store.putAgentState(first)
        #expect(try await store.agentState(employeeId: "e1") == first)
        let second = agent("e1", .notReady, groups: ["sales", "support"], reason: "Lunch")
        try await store.putAgentState(second)
        #expect(try await store.agentState(employeeId: "e1") == second)
        #expect(try await store.agentStateCounts(group: nil) == AgentStateCounts([.notReady: 1]))
    }

    @Test("agent counts by state, overall and within a group", arguments: Kind.allCases)
    func agentCounts(kind: Kind) async throws {
        let store = try await makeStore(kind)
        #expect(try await store.agentStateCounts(group: nil).total == 0)
        for document in [
            agent("e1", .ready, groups: ["sales"]), agent("e2", .ready, groups: ["sales", "support"]),
            agent("e3", .notReady, groups: ["support"], reason: "Break"), agent("e4", .loggedOut, groups: []),
            agent("e5", .ready, groups: ["Sales"]),
        ] {
            try await store.putAgentState(document)
        }
        let all = try await store.agentStateCounts(group: nil)
        #expect(all == AgentStateCounts([.ready: 3, .notReady: 1, .loggedOut: 1]))
        #expect(all.total == 5)
        #expect(try await store.agentStateCounts(group: "sales") == AgentStateCounts([.ready: 2]))
        #expect(try await store.agentStateCounts(group: "support") == AgentStateCounts([.ready: 1, .notReady: 1]))
        #expect(try await store.agentStateCounts(group: "nobody").total == 0)
        #expect(try await store.agentCount(in: .ready) == 3)
        #expect(try await store.agentCount(in: .notReady, group: "support") == 1)
        #expect(try await store.agentCount(in: .loggedOut, group: "sales") == 0)

        try await store.putAgentState(agent("e2", .loggedOut, groups: ["sales", "support"]))
        #expect(try await store.agentStateCounts(group: "sales") == AgentStateCounts([.ready: 1, .loggedOut: 1]))
    }

    @Test("contacts are found by any part of a name, phone or e-mail, ignoring case", arguments: Kind.allCases)
    func contactSearch(kind: Kind) async throws {
        let store = try await makeStore(kind)
        try await seedContacts(store)
        #expect(try await ids(store, "ann") == ["c3", "c1"])  // Joanna Annan, Ann Smith (by last name)
        #expect(try await ids(store, "SMI") == ["c2", "c1"])  // Smidt, Smith
        #expect(try await ids(store, "555 0100") == ["c1"])
        #expect(try await ids(store, "example.org") == ["c2"])
        #expect(try await ids(store, "ann smith") == ["c1"])
        #expect(try await ids(store, "nobody") == [])
    }

    @Test("an empty text lists every contact in order; limit caps the list", arguments: Kind.allCases)
    func contactOrderAndLimit(kind: Kind) async throws {
        let store = try await makeStore(kind)
        try await seedContacts(store)
        #expect(try await ids(store, "") == ["c3", "c4", "c2", "c1"])
        #expect(try await ids(store, "  ", limit: 2) == ["c3", "c4"])
        #expect(try await ids(store, "", limit: 0) == [])
        // An upsert replaces the contact.
        try await store.putContact(ContactDocument(id: "c4", firstName: "Zoe", lastName: "Zed"))
        #expect(try await ids(store, "") == ["c3", "c2", "c1", "c4"])
        #expect(try await store.searchContacts(text: "zoe", limit: 5).first?.lastName == "Zed")
    }

    @Test("wildcard characters in the text are taken literally", arguments: Kind.allCases)
    func literalWildcards(kind: Kind) async throws {
        let store = try await makeStore(kind)
        try await seedContacts(store)
        #expect(try await ids(store, "a*n") == [])
        #expect(try await ids(store, "?") == [])
        #expect(try await ids(store, "+1") == ["c4", "c1"])
    }

    private func seedContacts(_ store: any StatisticsStore) async throws {
        let contacts = [
            ContactDocument(id: "c1", firstName: "Ann", lastName: "Smith", phoneNumbers: ["+1 555 0100"], emailAddresses: ["ann@example.com"]),
            ContactDocument(id: "c2", firstName: "Bob", lastName: "Smidt", phoneNumbers: ["+44 20 7946 0000"], emailAddresses: ["bob@example.org"]),
            ContactDocument(id: "c3", firstName: "Joanna", lastName: "Annan", phoneNumbers: [], emailAddresses: ["jo@example.com"]),
            ContactDocument(id: "c4", firstName: "Carl", lastName: "Berg", phoneNumbers: ["+1 800 1234"], emailAddresses: []),
        ]
        for contact in contacts { try await store.putContact(contact) }
    }

    private func ids(_ store: any StatisticsStore, _ text: String, limit: Int = 10) async throws -> [String] {
        try await store.searchContacts(text: text, limit: limit).map(\.id)
    }
}
