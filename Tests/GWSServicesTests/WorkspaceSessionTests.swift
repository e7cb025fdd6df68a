import GWSTestKit
import Foundation
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Workspace sessions in a real Redis, shared by two application instances.
@Suite("Workspace sessions")
struct WorkspaceSessionTests {
    /// Runs `body` against a Workspace app with its own store clients on `redisURL`.
    func withWorkspace(
        _ redisURL: String, contextEnv: [String: String] = [:],
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withStores(["GWS_REDIS_URL": redisURL]) { stores in
            let app = try WorkspaceService.buildApplication(makeScaffold("workspace", stores: stores, contextEnv: contextEnv))
            try await app.test(.router, body)
        }
    }

    /// Creates a session as `user` and returns the `WORKSPACE_SESSIONID` cookie header value.
    func initialize(_ client: any TestClientProtocol, user: String = "jsmith") async throws -> HTTPFields {
        let response = try await client.gws(.post, "/workspace/v3/initialize-workspace", headers: [TestHeader.user: user])
        #expect(response.status == .ok)
        #expect(response.code == 0)
        #expect(response.data?["user"]?["userName"]?.stringValue == user)
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("Path=/workspace/v3"))
        let pair = try #require(setCookie.split(separator: ";").first)
        #expect(pair.hasPrefix("WORKSPACE_SESSIONID="))
        return [.cookie: String(pair)]
    }

    @Test func aSessionCreatedByOneInstanceIsReadByAnother() async throws {
        try await RedisTestServer.withServer { redis in
            let url = await redis.url
            let cookie = LockedBox<HTTPFields>([:])
            try await withWorkspace(url) { client in
                cookie.value = try await initialize(client)
            }
            try await withWorkspace(url) { client in
                let current = try await client.gws(.get, "/workspace/v3/current-session", headers: cookie.value)
                #expect(current.status == .ok)
                #expect(current.code == 0)
                #expect(current.data?["user"]?["userName"] == "jsmith")
                // Sessions belong to their tenant.
                let otherTenant = try await client.gws(.get, "/workspace/v3/current-session", tenant: "other", headers: cookie.value)
                #expect(otherTenant.status == .unauthorized)
                // Logout through this instance ends it everywhere.
                let logout = try await client.gws(.post, "/workspace/v3/logout", headers: cookie.value)
                #expect(logout.status == .ok)
                #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await withWorkspace(url) { client in
                let after = try await client.gws(.get, "/workspace/v3/current-session", headers: cookie.value)
                #expect(after.status == .unauthorized)
                #expect(after.code == 401)
            }
        }
    }

    @Test func missingOrExpiredSessionsAnswer401AndReadsSlideTheExpiry() async throws {
        try await RedisTestServer.withServer { redis in
            let url = await redis.url
            try await withStores(["GWS_REDIS_URL": url]) { stores in
                let raw = try #require(stores.redis)
                let env = ["GWS_WORKSPACE_session_timeoutSeconds": "120"]
                let app = try WorkspaceService.buildApplication(makeScaffold("workspace", stores: stores, contextEnv: env))
                try await app.test(.router) { client in
                    let missing = try await client.gws(.get, "/workspace/v3/current-session")
                    #expect(missing.status == .unauthorized)
                    #expect(missing.code == 401)
                    let bogus = try await client.gws(.get, "/workspace/v3/current-session", headers: [.cookie: "WORKSPACE_SESSIONID=nope"])
                    #expect(bogus.status == .unauthorized)

                    let cookie = try await initialize(client)
                    let id = String(try #require(cookie[.cookie]).dropFirst("WORKSPACE_SESSIONID=".count))
                    let key = "gws:acme:session:\(id)"
                    let ttl = try await raw.ttl(key)
                    #expect((1...120).contains(ttl), "the configured timeout applies")

                    // A read pushes the expiry back to the full timeout.
                    try await raw.expire(key, seconds: 5)
                    #expect(try await client.gws(.get, "/workspace/v3/current-session", headers: cookie).status == .ok)
                    #expect(try await raw.ttl(key) > 5)

                    // Once Redis expires it, the session is gone.
                    _ = try await raw.command(["PEXPIRE", key, "1"])
                    var gone = false
                    for _ in 0..<200 where !gone {
                        gone = try await raw.exists(key) == 0
                        if !gone { try await Task.sleep(for: .milliseconds(10)) }
                    }
                    #expect(gone)
                    let expired = try await client.gws(.get, "/workspace/v3/current-session", headers: cookie)
                    #expect(expired.status == .unauthorized)
                    #expect(expired.code == 401)
                }
            }
        }
    }

    @Test func noTokenAnswers401AndBadConfigurationFailsAtStartup() async throws {
        try await RedisTestServer.withServer { redis in
            let url = await redis.url
            try await withWorkspace(url) { client in
                let anonymous = try await client.gws(.post, "/workspace/v3/initialize-workspace", tenant: nil)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.message.contains("bearer token"))
                let forged = try await client.gws(
                    .post, "/workspace/v3/initialize-workspace", tenant: nil,
                    headers: [.authorization: "Bearer \(TestTokens.token(tenant: "acme"))x"])
                #expect(forged.status == .unauthorized)
            }
            try await withStores(["GWS_REDIS_URL": url]) { stores in
                let scaffold = makeScaffold("workspace", stores: stores, contextEnv: ["GWS_WORKSPACE_session_timeoutSeconds": "soon"])
                #expect(throws: ServiceConfigurationError.self) { try WorkspaceService.buildApplication(scaffold) }
            }
        }
    }

    @Test func redisDownAnswers503Envelope() async throws {
        try await RedisTestServer.withServer { redis in
            let url = await redis.url
            try await withWorkspace(url) { client in
                let cookie = try await initialize(client)
                await redis.stop()
                let current = try await client.gws(.get, "/workspace/v3/current-session", headers: cookie)
                #expect(current.status == .serviceUnavailable)
                #expect(current.code == 503)
                #expect(current.message.contains("Redis"))
                let created = try await client.gws(.post, "/workspace/v3/initialize-workspace", headers: [TestHeader.user: "u"])
                #expect(created.status == .serviceUnavailable)
                let readyz = try await client.execute(uri: "/readyz", method: .get)
                #expect(readyz.status == .serviceUnavailable)
            }
        }
    }
}
