import Foundation
import GWSServiceKit
import GWSStores
import GWSVoice
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The Statistics API, its values computed from voice events published on a
/// real Redis and filed by the Data Collector.
@Suite("Statistics API", .serialized)
struct StatisticsServiceTests {
    @Test("AgentsReady of a group goes 0 → 1 → 0 as its agent goes Ready, then NotReady")
    func agentsReady() async throws {
        try await withStatisticsStack { stack in
            #expect(try await stack.value("AgentsReady", "AgentGroup", "Sales") == 0)
            try await stack.publish(VoiceEvents.dn("alice", .ready, at: 10))
            #expect(try await stack.eventually("AgentsReady", "AgentGroup", "Sales", is: 1))
            #expect(try await stack.value("AgentsReady", "AgentGroup", "Support") == 1)
            try await stack.publish(VoiceEvents.dn("bob", .ready, at: 11))
            #expect(try await stack.eventually("AgentsReady", "AgentGroup", "Sales", is: 2))
            #expect(try await stack.value("AgentsReady", "AgentGroup", "Support") == 1)
            try await stack.publish(VoiceEvents.dn("alice", .notReady, reason: "Break", at: 20))
            try await stack.publish(VoiceEvents.dn("bob", .loggedOut, at: 21))
            #expect(try await stack.eventually("AgentsReady", "AgentGroup", "Sales", is: 0))
            #expect(try await stack.value("AgentsReady", "AgentGroup", "Support") == 0)
        }
    }

    @Test("CurrentAgentState: LoggedOut when unknown, then the state, reason code and since")
    func currentAgentState() async throws {
        try await withStatisticsStack { stack in
            #expect(try await stack.value("CurrentAgentState", "Agent", "e1") == ["agentState": "LoggedOut"])
            try await stack.publish(VoiceEvents.dn("alice", .notReady, reason: "Lunch", at: 10))
            let expected: JSONValue = [
                "agentState": "NotReady", "reasonCode": "Lunch", "since": .string(VoiceCoding.formatDate(VoiceEvents.date(10))),
            ]
            #expect(try await stack.eventually("CurrentAgentState", "Agent", "e1", is: expected))
            let answer = try await stack.statistics.gws(
                .get, "/statistics/v3/statistic-values/CurrentAgentState?objectId=e1&objectType=Agent")
            #expect(answer.code == 0)
            let statistic = try #require(answer.data?["statistic"])
            #expect(statistic["name"] == "CurrentAgentState")
            #expect(statistic["objectId"] == "e1")
            #expect(statistic["objectType"] == "Agent")
            let timestamp = try #require(statistic["timestamp"]?.intValue)
            #expect(abs(Double(timestamp) / 1000 - Date().timeIntervalSince1970) < 60)
        }
    }

    @Test("CallsInProgress per agent, group and tenant; TotalTalkTime after the release")
    func calls() async throws {
        try await withStatisticsStack { stack in
            try await stack.publish(VoiceEvents.call("alice", "c1", .ringing, at: 1))
            try await stack.publish(VoiceEvents.call("bob", "c2", .dialing, at: 1))
            #expect(try await stack.eventually("CallsInProgress", "Tenant", "acme", is: 2))
            #expect(try await stack.eventually("CallsInProgress", "Agent", "e1", is: 1))
            #expect(try await stack.value("CallsInProgress", "AgentGroup", "Sales") == 2)
            #expect(try await stack.value("CallsInProgress", "AgentGroup", "Support") == 1)
            #expect(try await stack.value("TotalTalkTime", "Agent", "e1") == 0)

            try await stack.publish(VoiceEvents.call("alice", "c1", .established, at: 10, answeredAt: 10))
            try await stack.publish(VoiceEvents.call("alice", "c1", .held, at: 20, answeredAt: 10))
            try await stack.publish(VoiceEvents.call("alice", "c1", .released, at: 100, answeredAt: 10, talkSeconds: 75.4))
            #expect(try await stack.eventually("TotalTalkTime", "Agent", "e1", is: 75))
            #expect(try await stack.value("CallsInProgress", "Agent", "e1") == 0)
            #expect(try await stack.value("CallsInProgress", "Tenant", "acme") == 1)
            try await stack.publish(VoiceEvents.call("alice", "c1", .completed, at: 110, answeredAt: 10, talkSeconds: 75.4))
            try await stack.publish(VoiceEvents.call("alice", "c3", .released, at: 200, answeredAt: 150, talkSeconds: 50))
            #expect(try await stack.eventually("TotalTalkTime", "Agent", "e1", is: 125))
            // Another tenant's calls count only there.
            try await stack.publish(VoiceEvents.call("alice", "c9", .ringing, at: 1, tenant: "other"))
            #expect(try await stack.eventually("CallsInProgress", "Tenant", "other", is: 1, tenant: "other"))
            #expect(try await stack.value("CallsInProgress", "Tenant", "acme") == 1)
        }
    }

    @Test("a subscription is created (echoing operationId), peeked, filtered, deleted; then it is gone")
    func subscriptionLifecycle() async throws {
        try await withStatisticsStack { stack in
            let client = stack.statistics
            let body = #"""
                {"operationId": "op-1", "data": {"statistics": [
                  {"statisticId": "s1", "objectId": "e1", "objectType": "Agent", "name": "CurrentAgentState"},
                  {"statisticId": "s2", "objectId": "Sales", "objectType": "AgentGroup", "name": "AgentsReady"},
                  {"statisticId": "s3", "objectId": "acme", "objectType": "Tenant", "name": "CallsInProgress"}
                ]}}
                """#
            let created = try await client.gws(.post, "/statistics/v3/subscriptions", user: "sup", body: body)
            #expect(created.status == .ok)
            #expect(created.code == 0)
            #expect(created.json["operationId"] == "op-1")
            let id = try #require(created.data?["subscriptionId"]?.stringValue)
            let statistics = try #require(created.data?["statistics"]?.arrayValue)
            #expect(statistics.map { $0["statisticId"] } == ["s1", "s2", "s3"])
            #expect(statistics.map { $0["value"] } == [["agentState": "LoggedOut"], 0, 0])
            #expect(statistics[1]["objectType"] == "AgentGroup")
            #expect(statistics[1]["name"] == "AgentsReady")
            #expect(statistics[1]["timestamp"]?.intValue != nil)
            #expect(try await stack.redis.ttl("gws:acme:stats:subscription:\(id)") > 3000)

            try await stack.publish(VoiceEvents.dn("bob", .ready, at: 5))
            #expect(try await stack.eventually("AgentsReady", "AgentGroup", "Sales", is: 1))
            let peek = try await client.gws(.get, "/statistics/v3/subscriptions/\(id)/statistic-values", user: "sup")
            #expect(peek.code == 0)
            #expect(peek.data?["subscriptionId"]?.stringValue == id)
            #expect(peek.data?["statistics"]?[1]?["value"] == 1)
            let some = try await client.gws(
                .get, "/statistics/v3/subscriptions/\(id)/statistic-values?statisticIds=s3,s1", user: "sup")
            #expect(some.data?["statistics"]?.arrayValue?.compactMap { $0["statisticId"]?.stringValue } == ["s1", "s3"])

            // The owner's only: another user of the tenant, or another tenant, gets 404.
            let otherUser = try await client.gws(.get, "/statistics/v3/subscriptions/\(id)/statistic-values", user: "eve")
            #expect(otherUser.status == .notFound)
            let otherTenant = try await client.gws(
                .get, "/statistics/v3/subscriptions/\(id)/statistic-values", tenant: "other", user: "sup")
            #expect(otherTenant.status == .notFound)
            #expect(try await client.gws(.delete, "/statistics/v3/subscriptions/\(id)", tenant: "other", user: "sup").status == .notFound)

            let deleted = try await client.gws(.delete, "/statistics/v3/subscriptions/\(id)", user: "sup")
            #expect(deleted.status == .ok)
            #expect(deleted.code == 0)
            #expect(try await client.gws(.get, "/statistics/v3/subscriptions/\(id)/statistic-values", user: "sup").status == .notFound)
            #expect(try await client.gws(.delete, "/statistics/v3/subscriptions/\(id)", user: "sup").status == .notFound)
            #expect(try await stack.redis.exists("gws:acme:stats:subscription:\(id)") == 0)
        }
    }

    @Test("another tenant's events and agents are never counted")
    func tenantIsolation() async throws {
        try await withStatisticsStack { stack in
            try await stack.publish(VoiceEvents.dn("alice", .ready, at: 1, tenant: "other"))
            #expect(try await stack.eventually("AgentsReady", "AgentGroup", "Sales", is: 1, tenant: "other"))
            #expect(try await stack.value("AgentsReady", "AgentGroup", "Sales") == 0)
            #expect(try await stack.value("CurrentAgentState", "Agent", "e1") == ["agentState": "LoggedOut"])
        }
    }

    @Test("bad input answers 400 naming the field; no token 401")
    func badInput() async throws {
        try await withStatisticsStack { stack in
            let client = stack.statistics
            func post(_ body: String) async throws -> GWSTestResponse {
                try await client.gws(.post, "/statistics/v3/subscriptions", body: body)
            }
            func statistic(_ fields: String) -> String { #"{"data":{"statistics":[\#(fields)]}}"# }
            let cases: [(String, String)] = [
                (statistic(#"{"statisticId":"s","objectId":"e1","objectType":"Agent","name":"Bogus"}"#), "data.statistics[0].name"),
                (statistic(#"{"statisticId":"s","objectId":"e1","objectType":"Queue","name":"TotalTalkTime"}"#), "data.statistics[0].objectType"),
                (statistic(#"{"statisticId":"s","objectId":"e1","objectType":"Tenant","name":"AgentsReady"}"#), "data.statistics[0].objectType"),
                (statistic(#"{"statisticId":"s","objectId":"","objectType":"Agent","name":"TotalTalkTime"}"#), "data.statistics[0].objectId"),
                (statistic(#"{"objectId":"e1","objectType":"Agent","name":"TotalTalkTime"}"#), "data.statistics[0].statisticId"),
                (statistic(#"{"statisticId":"s","objectId":5,"objectType":"Agent","name":"TotalTalkTime"}"#), "data.statistics[0].objectId"),
                (statistic(#"{"statisticId":"s","objectId":"a","objectType":"Agent","name":"TotalTalkTime"},{"statisticId":"s","objectId":"b","objectType":"Agent","name":"TotalTalkTime"}"#), "data.statistics[1].statisticId"),
                (statistic(""), "data.statistics"),
                (#"{"data":{}}"#, "data.statistics"),
                (#"{"statistics":[]}"#, "data"),
                ("not json", "JSON"),
                ("[1,2]", "JSON"),
            ]
            for (body, field) in cases {
                let answer = try await post(body)
                #expect(answer.status == .badRequest, "\(body)")
                #expect(answer.code == 400)
                #expect(answer.message.contains(field), "\(answer.message) should name \(field)")
            }
            let empty = try await client.gws(.post, "/statistics/v3/subscriptions")
            #expect(empty.status == .badRequest)

            let noObject = try await client.gws(.get, "/statistics/v3/statistic-values/AgentsReady?objectType=AgentGroup")
            #expect(noObject.status == .badRequest)
            #expect(noObject.message.contains("objectId"))
            let badName = try await client.gws(.get, "/statistics/v3/statistic-values/Nope?objectId=x&objectType=Agent")
            #expect(badName.status == .badRequest)
            #expect(badName.message.contains("name"))
            let badType = try await client.gws(.get, "/statistics/v3/statistic-values/AgentsReady?objectId=x&objectType=Agent")
            #expect(badType.status == .badRequest)
            #expect(badType.message.contains("objectType"))
            let noToken = try await client.gws(.get, "/statistics/v3/statistic-values/AgentsReady?objectId=x&objectType=AgentGroup", tenant: nil)
            #expect(noToken.status == .unauthorized)
            let unknown = try await client.gws(.get, "/statistics/v3/subscriptions/nope/statistic-values")
            #expect(unknown.status == .notFound)
        }
    }

    @Test("Redis down: subscription calls answer 503 in the envelope; single values still work")
    func redisDown() async throws {
        try await withStatisticsStack { stack in
            await stack.redisServer.stop()
            let body = #"{"data":{"statistics":[{"statisticId":"s","objectId":"e1","objectType":"Agent","name":"TotalTalkTime"}]}}"#
            let answer = try await stack.statistics.gws(.post, "/statistics/v3/subscriptions", body: body)
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.code == 503)
            #expect(try await stack.value("TotalTalkTime", "Agent", "e1") == 0)
            try await stack.redisServer.restart()
        }
    }

    @Test("the statistics store down: 503 in the envelope, never 5xx for anything else")
    func storeDown() async throws {
        try await withStores(["GWS_ELASTICSEARCH_URL": "http://127.0.0.1:1"]) { stores in
            let app = StatisticsService.buildApplication(makeScaffold("statistics", stores: stores))
            try await app.test(.router) { client in
                let answer = try await client.gws(.get, "/statistics/v3/statistic-values/AgentsReady?objectId=x&objectType=AgentGroup")
                #expect(answer.status == .serviceUnavailable)
                #expect(answer.code == 503)
                let ready = try await client.execute(uri: "/readyz", method: .get)
                #expect(ready.status == .serviceUnavailable)
            }
        }
    }
}

/// The calculator's mapping of store failures.
@Suite("Statistics calculator")
struct StatisticsCalculatorTests {
    @Test("an unreachable Elasticsearch becomes a 503 GWSError")
    func unreachableStore() async throws {
        let client = try ElasticsearchClient(
            configuration: ElasticsearchConfiguration(url: "http://127.0.0.1:1", passwordFile: nil), logger: testLogger)
        let calculator = StatisticsCalculator(statistics: ElasticsearchStatisticsStore(client: client, logger: testLogger))
        let descriptor = try StatisticDescriptor(
            statisticId: "s", objectId: "e1", objectType: "Agent", name: "TotalTalkTime", field: "")
        await #expect(throws: GWSError.self) {
            _ = try await calculator.value(of: descriptor, tenant: "acme")
        }
        do {
            _ = try await calculator.value(of: descriptor, tenant: "acme")
        } catch let error as GWSError {
            #expect(error.status == .serviceUnavailable)
        }
    }
}
