import Foundation
import GWSServiceKit
import GWSStores
import GWSTestKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Workspace sessions: created from the token's user (read from
/// Configuration), kept in a real Redis and shared by every instance.
@Suite("Workspace sessions")
struct WorkspaceSessionTests {
    /// Initializes the workspace; returns the `Cookie` header with `WORKSPACE_SESSIONID`.
    static func initialize(_ client: any TestClientProtocol, _ world: WorkspaceWorld) async throws -> HTTPFields {
        let response = try await client.gws(
            .post, "/workspace/v3/initialize-workspace", tenant: nil, headers: world.agentAuthorization())
        #expect(response.status == .ok)
        #expect(response.code == 1, "accepted: the result follows on CometD")
        #expect(response.data?["user"]?["userName"] == "jsmith")
        #expect(response.data?["user"]?["employeeId"] == "1001")
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("Path=/workspace/v3"))
        let pair = try #require(setCookie.split(separator: ";").first)
        #expect(pair.hasPrefix("WORKSPACE_SESSIONID="))
        var headers = world.agentAuthorization()
        headers[.cookie] = String(pair)
        return headers
    }

    @Test func aSessionCreatedByOneInstanceIsReadByAnotherAndEndsEverywhere() async throws {
        try await withWorkspaceWorld { world in
            let headers = LockedBox<HTTPFields>([:])
            try await world.withWorkspace { client in headers.value = try await Self.initialize(client, world) }
            try await world.withWorkspace { client in
                let current = try await client.gws(.get, "/workspace/v3/current-session", tenant: nil, headers: headers.value)
                #expect(current.status == .ok)
                #expect(current.data?["user"]?["userName"] == "jsmith")
                #expect(current.data?["user"]?["defaultPlace"] == "Place_7001")
                #expect(current.data?["user"]?["activeSession"]?["calls"]?.arrayValue?.isEmpty == true)
                // The cookie alone is not enough: another user's token with it is refused.
                var stolen = world.agentAuthorization(user: "mallory", dbid: 999)
                stolen[.cookie] = headers.value[.cookie]
                #expect(try await client.gws(.get, "/workspace/v3/current-session", tenant: nil, headers: stolen).status == .unauthorized)
                let logout = try await client.gws(.post, "/workspace/v3/logout", tenant: nil, headers: headers.value)
                #expect(logout.status == .ok)
                #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await world.withWorkspace { client in
                let after = try await client.gws(.get, "/workspace/v3/current-session", tenant: nil, headers: headers.value)
                #expect(after.status == .unauthorized)
                #expect(after.message.contains("initialize the workspace"))
            }
        }
    }

    @Test func badTokensMissingSessionsAndUnknownUsersAreRefused() async throws {
        try await withWorkspaceWorld { world in
            try await world.withWorkspace { client in
                let anonymous = try await client.gws(.post, "/workspace/v3/initialize-workspace", tenant: nil)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.message.contains("bearer token"))
                let forged = try await client.gws(
                    .post, "/workspace/v3/initialize-workspace", tenant: nil,
                    headers: [.authorization: "Bearer \(TestTokens.token(tenant: "acme"))x"])
                #expect(forged.status == .unauthorized)
                // A token of a person Configuration does not know.
                let ghost = try await client.gws(
                    .post, "/workspace/v3/initialize-workspace", tenant: nil, headers: world.agentAuthorization(user: "ghost", dbid: 4242))
                #expect(ghost.status == .notFound)
                // No session cookie.
                let noSession = try await client.gws(.post, "/workspace/v3/voice/ready", tenant: nil, headers: world.agentAuthorization())
                #expect(noSession.status == .unauthorized)
                let bogus = try await client.gws(
                    .get, "/workspace/v3/current-session", tenant: nil,
                    headers: world.agentAuthorization().merging([.cookie: "WORKSPACE_SESSIONID=nope"]))
                #expect(bogus.status == .unauthorized)
            }
            try await withStores(["GWS_REDIS_URL": world.redisURL]) { stores in
                let scaffold = makeScaffold("workspace", stores: stores, contextEnv: ["GWS_WORKSPACE_session_timeoutSeconds": "soon"])
                #expect(throws: ServiceConfigurationError.self) { try WorkspaceService.buildApplication(scaffold) }
            }
        }
    }

    @Test func redisDownAnswers503Envelope() async throws {
        try await withWorkspaceWorld { world in
            try await world.withWorkspace { client in
                let headers = try await Self.initialize(client, world)
                await world.redis.stop()
                let current = try await client.gws(.get, "/workspace/v3/current-session", tenant: nil, headers: headers)
                #expect(current.status == .serviceUnavailable)
                #expect(current.code == 503)
                let readyz = try await client.execute(uri: "/readyz", method: .get)
                #expect(readyz.status == .serviceUnavailable)
            }
        }
    }
}

extension HTTPFields {
    /// These fields with `other`'s added (replacing same-named ones).
    func merging(_ other: HTTPFields) -> HTTPFields {
        var result = self
        for field in other { result[field.name] = field.value }
        return result
    }
}
