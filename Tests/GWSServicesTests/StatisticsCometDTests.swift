import Foundation
import GWSStores
import GWSVoice
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Statistics updates over CometD (`/statistics/v3/notifications`, channel `/statistics/v3/updates`).
@Suite("Statistics CometD", .serialized)
struct StatisticsCometDTests {
    /// Sends Bayeux `messages` with optional headers; the reply array.
    func bayeux(_ client: any TestClientProtocol, _ messages: JSONValue, headers: HTTPFields = [:]) async throws -> [JSONValue] {
        var headers = headers
        headers[.contentType] = "application/json"
        let body = ByteBuffer(bytes: try JSONEncoder().encode(messages))
        let response = try await client.execute(
            uri: StatisticsNotifications.path, method: .post, headers: headers, body: body)
        #expect(response.status == .ok)
        return try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView)).arrayValue ?? []
    }

    /// Handshakes (token in the header, or in `ext`), subscribes to `channel`
    /// and connects once (the first connect returns at once); the clientId and
    /// that connect's messages.
    func connectClient(
        _ client: any TestClientProtocol, tenant: String = "acme", user: String = "sup", inExt: Bool = false,
        channel: String = StatisticsNotifications.updatesChannel
    ) async throws -> (id: String, first: [JSONValue]) {
        let token = TestTokens.token(tenant: tenant, user: user)
        var handshake: [String: JSONValue] = [
            "channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"],
        ]
        var headers: HTTPFields = [:]
        if inExt { handshake["ext"] = ["access_token": .string(token)] } else { headers[.authorization] = "Bearer \(token)" }
        let shaken = try await bayeux(client, [.object(handshake)], headers: headers)
        #expect(shaken.first?["successful"] == true)
        let clientId = try #require(shaken.first?["clientId"]?.stringValue)
        let subscribed = try await bayeux(
            client, [["channel": "/meta/subscribe", "clientId": .string(clientId), "subscription": .string(channel)]])
        #expect(subscribed.first?["successful"] == true)
        let first = try await bayeux(
            client, [["channel": "/meta/connect", "clientId": .string(clientId), "connectionType": "long-polling"]])
        return (clientId, first)
    }

    /// Connects until a message arrives on `channel` (or ~5 s pass); its data.
    func nextMessage(_ client: any TestClientProtocol, _ clientId: String, on channel: String) async throws -> JSONValue? {
        for _ in 0..<20 {
            let replies = try await bayeux(
                client, [["channel": "/meta/connect", "clientId": .string(clientId), "connectionType": "long-polling"]])
            if let message = replies.first(where: { $0["channel"]?.stringValue == channel }) { return message["data"] }
        }
        return nil
    }

    func subscribe(_ client: any TestClientProtocol, _ statistics: String, tenant: String = "acme", user: String = "sup") async throws -> String {
        let created = try await client.gws(
            .post, "/statistics/v3/subscriptions", tenant: tenant, user: user, body: #"{"data":{"statistics":[\#(statistics)]}}"#)
        #expect(created.code == 0)
        return try #require(created.data?["subscriptionId"]?.stringValue)
    }

    @Test("a voice event pushes the changed values of the owner's subscription")
    func updateAfterEvent() async throws {
        try await withStatisticsStack { stack in
            let client = stack.statistics
            let id = try await subscribe(client, #"""
                {"statisticId":"ready","objectId":"Sales","objectType":"AgentGroup","name":"AgentsReady"},
                {"statisticId":"state","objectId":"e2","objectType":"Agent","name":"CurrentAgentState"},
                {"statisticId":"talk","objectId":"e2","objectType":"Agent","name":"TotalTalkTime"}
                """#)
            let clientId = try await connectClient(client).id
            try await stack.publish(VoiceEvents.dn("bob", .ready, at: 10))
            let update = try #require(try await nextMessage(client, clientId, on: StatisticsNotifications.updatesChannel))
            #expect(update["messageType"] == "StatisticsUpdated")
            #expect(update["subscriptionId"]?.stringValue == id)
            let statistics = try #require(update["statistics"]?.arrayValue)
            // Only what changed: TotalTalkTime is untouched by a state change.
            #expect(Set(statistics.compactMap { $0["statisticId"]?.stringValue }) == ["ready", "state"])
            let ready = try #require(statistics.first { $0["statisticId"] == "ready" })
            #expect(ready["value"] == 1)
            #expect(ready["name"] == "AgentsReady")
            #expect(ready["objectId"] == "Sales")
            #expect(ready["objectType"] == "AgentGroup")
            #expect(ready["timestamp"]?.intValue != nil)
            #expect(statistics.first { $0["statisticId"] == "state" }?["value"]?["agentState"] == "Ready")

            // A call's release updates the talk time only.
            try await stack.publish(VoiceEvents.call("bob", "c1", .released, at: 50, answeredAt: 20, talkSeconds: 30))
            let talk = try #require(try await nextMessage(client, clientId, on: StatisticsNotifications.updatesChannel))
            #expect(talk["statistics"]?.arrayValue?.map { $0["statisticId"] } == ["talk"])
            #expect(talk["statistics"]?[0]?["value"] == 30)

            // A change that alters none of its values delivers nothing.
            try await stack.publish(VoiceEvents.dn("carl", .ready, at: 60))
            #expect(try await stack.eventually("CurrentAgentState", "Agent", "e3", is: [
                "agentState": "Ready", "since": .string(VoiceCoding.formatDate(VoiceEvents.date(60))),
            ]))
            let quiet = try await bayeux(
                client, [["channel": "/meta/connect", "clientId": .string(clientId), "connectionType": "long-polling"]])
            #expect(!quiet.contains { $0["channel"]?.stringValue == StatisticsNotifications.updatesChannel })
        }
    }

    @Test("updates reach only the owner: not another user, not another tenant; a deleted subscription stops")
    func ownersOnly() async throws {
        try await withStatisticsStack { stack in
            let client = stack.statistics
            let statistic = #"{"statisticId":"ready","objectId":"Sales","objectType":"AgentGroup","name":"AgentsReady"}"#
            let id = try await subscribe(client, statistic)
            let eve = try await connectClient(client, user: "eve", inExt: true).id
            let other = try await connectClient(client, tenant: "other", user: "sup").id
            let owner = try await connectClient(client).id
            try await stack.publish(VoiceEvents.dn("alice", .ready, at: 10))
            #expect(try await nextMessage(client, owner, on: StatisticsNotifications.updatesChannel) != nil)
            let eveReplies = try await bayeux(client, [["channel": "/meta/connect", "clientId": .string(eve), "connectionType": "long-polling"]])
            #expect(!eveReplies.contains { $0["channel"]?.stringValue == StatisticsNotifications.updatesChannel })
            let otherReplies = try await bayeux(client, [["channel": "/meta/connect", "clientId": .string(other), "connectionType": "long-polling"]])
            #expect(!otherReplies.contains { $0["channel"]?.stringValue == StatisticsNotifications.updatesChannel })

            #expect(try await client.gws(.delete, "/statistics/v3/subscriptions/\(id)", user: "sup").code == 0)
            try await stack.publish(VoiceEvents.dn("alice", .notReady, at: 20))
            #expect(try await stack.eventually("AgentsReady", "AgentGroup", "Sales", is: 0))
            let after = try await bayeux(client, [["channel": "/meta/connect", "clientId": .string(owner), "connectionType": "long-polling"]])
            #expect(!after.contains { $0["channel"]?.stringValue == StatisticsNotifications.updatesChannel })
        }
    }

    @Test("handshakes need a valid token; the service channel says the service is available")
    func handshakeAndService() async throws {
        try await withStatisticsStack { stack in
            let client = stack.statistics
            let denied = try await bayeux(client, [["channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"]]])
            #expect(denied.first?["successful"] == false)
            let forged = try await bayeux(
                client, [["channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "ext": ["authorization": "Bearer nonsense"]]])
            #expect(forged.first?["successful"] == false)

            let (clientId, first) = try await connectClient(client, inExt: true, channel: StatisticsNotifications.serviceChannel)
            let service = try #require(first.first { $0["channel"]?.stringValue == StatisticsNotifications.serviceChannel })["data"]
            #expect(service?["serviceState"] == "AVAILABLE")
            #expect(service?["serviceName"] == "STATS")
            let forbidden = try await bayeux(
                client, [["channel": "/meta/subscribe", "clientId": .string(clientId), "subscription": "/workspace/v3/voice"]])
            #expect(forbidden.first?["successful"] == false)
        }
    }
}
