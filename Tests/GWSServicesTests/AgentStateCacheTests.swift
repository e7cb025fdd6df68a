import GWSTestKit
import Foundation
import GWSServiceKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Ixn agent state cached in a real Redis, seen across instances.
@Suite("Agent state cache")
struct AgentStateCacheTests {
    func withRole(
        _ role: String, _ redisURL: String, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withStores(["GWS_REDIS_URL": redisURL]) { stores in
            let scaffold = makeScaffold(role, stores: stores)
            if role == "voice" {
                try await VoiceService.buildApplication(scaffold).test(.router, body)
            } else {
                try await IxnService.buildApplication(scaffold).test(.router, body)
            }
        }
    }

    @Test(arguments: ["ixn"])
    func stateWrittenByOneInstanceIsSeenByAnother(role: String) async throws {
        try await RedisTestServer.withServer { redis in
            let url = await redis.url
            let path = "/\(role)/v3/agents/agent-7/state"
            try await withRole(role, url) { client in
                #expect(try await client.gws(.get, path).status == .notFound)
                let put = try await client.gws(.put, path, body: #"{"data":{"state":"NotReady","reason":"Lunch"}}"#)
                #expect(put.status == .ok)
                #expect(put.code == 0)
                #expect(put.data?["agentState"]?["state"] == "NotReady")
                let bad = try await client.gws(.put, path, body: #"{"data":{"state":"Sleeping"}}"#)
                #expect(bad.status == .badRequest)
                #expect(bad.message.contains("data.state"))
            }
            try await withRole(role, url) { client in
                let state = try await client.gws(.get, path)
                #expect(state.status == .ok)
                #expect(state.data?["agentState"]?["state"] == "NotReady")
                #expect(state.data?["agentState"]?["reason"] == "Lunch")
                #expect(try await client.gws(.get, path, tenant: "other").status == .notFound)
            }
        }
    }
}
