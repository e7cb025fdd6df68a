import Foundation
import GWSStores
import Testing

/// The client against a real osmem-server.
@Suite("ElasticsearchClient", .osmemServer)
struct ElasticsearchClientTests {
    struct Agent: Codable, Hashable, Sendable {
        var name: String
        var state: String
        var handled: Int
        var updatedAt: Date
    }

    @Test("ping answers with the server's version")
    func ping() async throws {
        let version = try await SearchTestSupport.client().ping()
        #expect(!version.isEmpty)
    }

    @Test("createIndex is idempotent; deleteIndex removes it")
    func createAndDeleteIndex() async throws {
        let client = try SearchTestSupport.client()
        let index = SearchTestSupport.uniqueIndex()
        let mappings: JSONValue = ["properties": ["state": ["type": "keyword"]]]
        #expect(try await client.createIndex(index, mappings: mappings))
        #expect(try await client.createIndex(index, mappings: mappings) == false)
        #expect(try await client.indexExists(index))
        #expect(try await client.deleteIndex(index))
        #expect(try await client.indexExists(index) == false)
        #expect(try await client.deleteIndex(index) == false)
        let error = await #expect(throws: ElasticsearchError.self) {
            try await client.deleteIndex(index, ignoreMissing: false)
        }
        #expect(error?.status == 404)
        #expect(error?.type == "index_not_found_exception")
    }

    @Test("index then get returns the document; put replaces; a missing id is nil")
    func indexAndGet() async throws {
        let client = try SearchTestSupport.client()
        let index = SearchTestSupport.uniqueIndex()
        let ann = Agent(name: "Ann", state: "Ready", handled: 3, updatedAt: SearchTestSupport.date(60))
        try await client.index(index, id: "a1", document: ann)
        #expect(try await client.get(index: index, id: "a1", as: Agent.self) == ann)

        var replaced = ann
        replaced.state = "NotReady"
        try await client.index(index, id: "a1", document: replaced, refresh: .immediate)
        #expect(try await client.get(index: index, id: "a1", as: Agent.self) == replaced)
        #expect(try await client.count(index: index) == 1)

        #expect(try await client.get(index: index, id: "nobody", as: Agent.self) == nil)
        #expect(try await client.delete(index: index, id: "a1"))
        #expect(try await client.delete(index: index, id: "a1") == false)
        #expect(try await client.get(index: index, id: "a1", as: Agent.self) == nil)
    }

    @Test("bulk runs every operation and reports the items that failed")
    func bulk() async throws {
        let client = try SearchTestSupport.client()
        let index = SearchTestSupport.uniqueIndex()
        let date = SearchTestSupport.date(0)
        let response = try await client.bulk(
            [
                .index(index, id: "1", document: Agent(name: "Ann", state: "Ready", handled: 1, updatedAt: date)),
                .index(index, id: "2", document: Agent(name: "Bob", state: "Ready", handled: 2, updatedAt: date)),
                .create(index, id: "1", document: Agent(name: "Dup", state: "Ready", handled: 0, updatedAt: date)),
                .update(index, id: "2", partial: ["state": "NotReady"] as JSONValue),
                .delete(index, id: "missing"),
            ], refresh: .immediate)
        #expect(response.items.map(\.action) == [.index, .index, .create, .update, .delete])
        #expect(response.items.map(\.id) == ["1", "2", "1", "2", "missing"])
        #expect(response.items.map(\.status) == [201, 201, 409, 200, 404])
        #expect(response.items[4].result == "not_found")
        #expect(response.failures.count == 1)
        #expect(response.failures.first?.error?.type == "version_conflict_engine_exception")

        #expect(try await client.count(index: index) == 2)
        #expect(try await client.get(index: index, id: "1", as: Agent.self)?.name == "Ann")
        #expect(try await client.get(index: index, id: "2", as: Agent.self)?.state == "NotReady")

        let error = await #expect(throws: ElasticsearchError.self) {
            try await client.bulkOrThrow(
                [.create(index, id: "2", document: Agent(name: "Dup", state: "Ready", handled: 0, updatedAt: date))])
        }
        #expect(error?.code == .bulkItems)
        #expect(error?.message.contains("version_conflict_engine_exception") == true)
        #expect(try await client.bulk([]).items.isEmpty)
    }

    @Test("search pages, sorts and counts; count takes a query")
    func searchAndCount() async throws {
        let client = try SearchTestSupport.client()
        let index = try await seededAgents(client)
        let ready: JSONValue = ["term": ["state.keyword": "Ready"]]

        let first = try await client.search(
            index: index, query: ready, size: 2, sort: [["name.keyword": "asc"]], as: Agent.self)
        #expect(first.total == 3)
        #expect(first.hits.map(\.id) == ["a", "b"])
        #expect(first.documents.map(\.name) == ["Ann", "Bob"])
        #expect(first.hits.first?.index == index)
        #expect(first.hits.first?.sort == ["Ann"])

        let second = try await client.search(
            index: index, query: ready, size: 2, from: 2, sort: [["name.keyword": "asc"]], as: Agent.self)
        #expect(second.total == 3)
        #expect(second.documents.map(\.name) == ["Cid"])

        #expect(try await client.count(index: index) == 4)
        #expect(try await client.count(index: index, query: ready) == 3)
        let all = try await client.search(index: index, size: 10, as: JSONValue.self)
        #expect(all.total == 4)
        #expect(Set(all.documents.compactMap { $0["name"]?.stringValue }) == ["Ann", "Bob", "Cid", "Dee"])
    }

    @Test("text fields are analysed: term matches only the keyword sub-field, match the text")
    func keywordVersusText() async throws {
        let client = try SearchTestSupport.client()
        let index = try await seededAgents(client)
        #expect(try await client.count(index: index, query: ["term": ["state": "Ready"]]) == 0)
        #expect(try await client.count(index: index, query: ["term": ["state.keyword": "Ready"]]) == 3)
        #expect(try await client.count(index: index, query: ["term": ["state.keyword": "ready"]]) == 0)
        #expect(try await client.count(index: index, query: ["match": ["state": "ready"]]) == 3)
        #expect(try await client.count(index: index, query: ["match": ["name": "ANN"]]) == 1)
    }

    @Test("aggregations: terms buckets, value_count, sum and avg")
    func aggregations() async throws {
        let client = try SearchTestSupport.client()
        let index = try await seededAgents(client)
        let results = try await client.aggregate(
            index: index,
            aggregations: [
                "states": .terms(field: "state.keyword"), "handled": .valueCount(field: "handled"),
                "total": .sum(field: "handled"), "mean": .avg(field: "handled"), "most": .max(field: "handled"),
            ])
        #expect(results.buckets("states").map(\.key) == ["Ready", "NotReady"])
        #expect(results.counts("states") == ["Ready": 3, "NotReady": 1])
        #expect(results.value("handled") == 4)
        #expect(results.value("total") == 10)
        #expect(results.value("mean") == 2.5)
        #expect(results.value("most") == 4)
        #expect(results["states"]?["buckets"]?.arrayValue?.count == 2)
        #expect(results.buckets("nothing").isEmpty)

        let none = try await client.aggregate(
            index: index, query: ["term": ["state.keyword": "LoggedOut"]],
            aggregations: ["mean": .avg(field: "handled"), "states": .terms(field: "state.keyword")])
        #expect(none.value("mean") == nil)
        #expect(none.buckets("states").isEmpty)

        let withHits = try await client.search(
            index: index, query: ["term": ["state.keyword": "Ready"]],
            aggregations: ["total": .sum(field: "handled")], as: Agent.self)
        #expect(withHits.total == 3)
        #expect(withHits.aggregations.value("total") == 6)
    }

    @Test("after refresh, writes made without refresh are searchable")
    func refresh() async throws {
        let client = try SearchTestSupport.client()
        let index = SearchTestSupport.uniqueIndex()
        for id in ["1", "2", "3"] {
            let agent = Agent(name: "A\(id)", state: "Ready", handled: 1, updatedAt: SearchTestSupport.date(0))
            try await client.index(index, id: id, document: agent, refresh: .none)
        }
        try await client.refresh(index: index)
        #expect(try await client.count(index: index) == 3)
        try await client.refresh()
    }

    @Test("a missing index is an error carrying the server's type and reason")
    func missingIndex() async throws {
        let client = try SearchTestSupport.client()
        let index = SearchTestSupport.uniqueIndex("missing")
        let error = await #expect(throws: ElasticsearchError.self) {
            try await client.search(index: index, as: JSONValue.self)
        }
        #expect(error?.code == .httpStatus)
        #expect(error?.status == 404)
        #expect(error?.type == "index_not_found_exception")
        #expect(error?.reason?.contains(index) == true)
        #expect(error?.description.contains("no such index [\(index)]") == true)
        #expect(error?.description.contains(client.configuration.url) == true)

        await #expect(throws: ElasticsearchError.self) {
            try await client.get(index: index, id: "x", as: JSONValue.self)
        }
        await #expect(throws: ElasticsearchError.self) { try await client.count(index: index) }
    }

    @Test("a malformed query is an error with the server's parsing reason")
    func badQuery() async throws {
        let client = try SearchTestSupport.client()
        let index = try await seededAgents(client)
        let error = await #expect(throws: ElasticsearchError.self) {
            try await client.search(index: index, query: ["no_such_query": [:]], as: JSONValue.self)
        }
        #expect(error?.status == 400)
        #expect(error?.type == "parsing_exception")
        #expect(error?.reason?.contains("no_such_query") == true)
    }

    @Test("a document of the wrong shape is a decoding error")
    func decodingError() async throws {
        let client = try SearchTestSupport.client()
        let index = SearchTestSupport.uniqueIndex()
        try await client.index(index, id: "x", document: ["name": 5] as JSONValue, refresh: .immediate)
        let error = await #expect(throws: ElasticsearchError.self) {
            try await client.get(index: index, id: "x", as: Agent.self)
        }
        #expect(error?.code == .decoding)
    }

    /// Four agents: Ann, Bob, Cid Ready; Dee NotReady; handled 1…4.
    private func seededAgents(_ client: ElasticsearchClient) async throws -> String {
        let index = SearchTestSupport.uniqueIndex()
        let date = SearchTestSupport.date(0)
        let agents = [("a", "Ann", "Ready"), ("b", "Bob", "Ready"), ("c", "Cid", "Ready"), ("d", "Dee", "NotReady")]
        let operations = agents.enumerated().map { offset, agent in
            BulkOperation.index(
                index, id: agent.0, document: Agent(name: agent.1, state: agent.2, handled: offset + 1, updatedAt: date))
        }
        try await client.bulkOrThrow(operations, refresh: .immediate)
        return index
    }
}
