import Foundation
import GWSServiceKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The Data Collector API on the embedded statistics store.
@Suite("Data Collector")
struct DataCollectorServiceTests {
    func withDataCollector(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withStores([:]) { stores in
            let app = DataCollectorService.buildApplication(makeScaffold("datacollector", stores: stores))
            try await app.test(.router) { client in
                #expect(try await client.waitUntilReady(), "statistics store prepared")
                try await body(client)
            }
        }
    }

    @Test func agentStatesAreCountedOverallAndByGroup() async throws {
        try await withDataCollector { client in
            let states = [("e1", "Ready", "Sales"), ("e2", "Ready", "Support"), ("e3", "NotReady", "Sales"), ("e4", "LoggedOut", "Sales")]
            for (id, state, group) in states {
                let put = try await client.gws(
                    .put, "/datacollector/v3/agents/\(id)/state", body: #"{"data":{"state":"\#(state)","groups":["\#(group)"]}}"#)
                #expect(put.status == .ok)
                #expect(put.data?["agentState"]?["groups"]?[0]?.stringValue == group)
            }
            // Another tenant's agents are not counted.
            _ = try await client.gws(.put, "/datacollector/v3/agents/e1/state", tenant: "other", body: #"{"data":{"state":"Ready","groups":["Sales"]}}"#)

            var all = try await client.gws(.get, "/datacollector/v3/agent-states/counts")
            #expect(all.code == 0)
            #expect(all.data?["counts"] == ["Ready": 2, "NotReady": 1, "LoggedOut": 1])
            #expect(all.data?["total"] == 4)
            let sales = try await client.gws(.get, "/datacollector/v3/agent-states/counts?group=Sales")
            #expect(sales.data?["counts"] == ["Ready": 1, "NotReady": 1, "LoggedOut": 1])

            // A new state replaces the agent's previous one.
            _ = try await client.gws(.put, "/datacollector/v3/agents/e3/state", body: #"{"data":{"state":"Ready","reason":null}}"#)
            all = try await client.gws(.get, "/datacollector/v3/agent-states/counts")
            #expect(all.data?["counts"]?["Ready"] == 3)
            let e3 = try await client.gws(.get, "/datacollector/v3/agents/e3/state")
            #expect(e3.data?["agentState"]?["state"] == "Ready")

            let bad = try await client.gws(.put, "/datacollector/v3/agents/e5/state", body: #"{"data":{"state":"Asleep"}}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.message.contains("data.state"))
        }
    }

    @Test func contactsAreSearchedByText() async throws {
        try await withDataCollector { client in
            let contacts = [
                ("c1", #"{"data":{"firstName":"Ann","lastName":"Smith","phoneNumbers":["+1 555 0100"]}}"#),
                ("c2", #"{"data":{"firstName":"Bob","lastName":"Smith","emailAddresses":["bob@example.com"]}}"#),
                ("c3", #"{"data":{"firstName":"Carl","lastName":"Jones"}}"#),
            ]
            for (id, body) in contacts {
                let put = try await client.gws(.put, "/datacollector/v3/contacts/\(id)", body: body)
                #expect(put.status == .ok)
                #expect(put.data?["contact"]?["id"]?.stringValue == id)
            }
            _ = try await client.gws(.put, "/datacollector/v3/contacts/x1", tenant: "other", body: #"{"data":{"firstName":"Zed","lastName":"Smith"}}"#)

            let smiths = try await client.gws(.get, "/datacollector/v3/contacts?text=smith")
            #expect(smiths.code == 0)
            #expect(smiths.data?["contacts"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["c1", "c2"])
            let one = try await client.gws(.get, "/datacollector/v3/contacts?text=smith&limit=1")
            #expect(one.data?["contacts"]?.arrayValue?.count == 1)
            let byMail = try await client.gws(.get, "/datacollector/v3/contacts?text=bob%40example")
            #expect(byMail.data?["contacts"]?[0]?["firstName"] == "Bob")

            let noText = try await client.gws(.get, "/datacollector/v3/contacts")
            #expect(noText.status == .badRequest)
            #expect(noText.message.contains("text"))
            let badLimit = try await client.gws(.get, "/datacollector/v3/contacts?text=a&limit=0")
            #expect(badLimit.message.contains("limit"))
            let badBody = try await client.gws(.put, "/datacollector/v3/contacts/c9", body: #"{"data":{"firstName":"Dee"}}"#)
            #expect(badBody.status == .badRequest)
            #expect(badBody.message.contains("data.lastName"))
        }
    }
}
