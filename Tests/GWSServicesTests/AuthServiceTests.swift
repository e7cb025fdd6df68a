import GWSAuth
import GWSTestKit
import Foundation
import GWSConfigData
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The `auth` role in-process on a real PostgreSQL and Redis, checking
/// passwords with a live Configuration app.
@Suite struct AuthServiceTests {
    /// A registered API client of tenant `acme`.
    struct Client {
        var id: String
        var secret: String
        var basic: String { "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString() }
    }

    @Test func passwordGrantRefreshRotationAndUserinfo() async throws {
        try await withAuth { client in
            let api = try await register(client)
            let bad = try await token(client, api, "grant_type=password&username=acme%5Cagent1&password=wrong")
            #expect(bad.status == .badRequest)
            #expect(bad.json["error"]?.stringValue == "invalid_grant")
            let good = try await token(client, api, "grant_type=password&username=acme%5Cagent1&password=s3cret")
            #expect(good.status == .ok)
            #expect(good.json["token_type"]?.stringValue == "bearer")
            #expect(good.json["expires_in"]?.intValue == 3600)
            let access = try #require(good.json["access_token"]?.stringValue)
            let refresh = try #require(good.json["refresh_token"]?.stringValue)

            let info = try await client.gws(.get, "/auth/v3/userinfo", tenant: nil, headers: [.authorization: "Bearer \(access)"])
            #expect(info.status == .ok)
            #expect(info.json["username"]?.stringValue == "agent1")
            #expect(info.json["contactCenterId"]?.stringValue == "acme")
            #expect(info.json["dbid"]?.intValue != nil)
            #expect(info.json["authorities"]?[0]?.stringValue == "ROLE_AGENT")
            let anonymous = try await client.gws(.get, "/auth/v3/userinfo", tenant: nil)
            #expect(anonymous.status == .unauthorized)

            let rotated = try await token(client, api, "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(rotated.status == .ok)
            let next = try #require(rotated.json["refresh_token"]?.stringValue)
            #expect(next != refresh)
            let reused = try await token(client, api, "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(reused.status == .badRequest)
            #expect(reused.json["error"]?.stringValue == "invalid_grant")
            #expect(try await token(client, api, "grant_type=refresh_token&refresh_token=\(next)").status == .ok)
        }
    }

    @Test func clientCredentialsAndClientFailures() async throws {
        try await withAuth { client in
            let api = try await register(client)
            let granted = try await token(client, api, "grant_type=client_credentials")
            #expect(granted.status == .ok)
            #expect(granted.json["refresh_token"] == nil)
            let wrong = try await token(client, Client(id: api.id, secret: "nope"), "grant_type=client_credentials")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.json["error"]?.stringValue == "invalid_client")
            let unsupported = try await token(client, api, "grant_type=implicit")
            #expect(unsupported.json["error"]?.stringValue == "unsupported_grant_type")
            let otherTenant = try await token(client, api, "grant_type=password&username=globex%5Cagent1&password=s3cret")
            #expect(otherTenant.json["error"]?.stringValue == "invalid_grant")
            let ping = try await client.gws(.get, "/auth/v3/ping", tenant: nil)
            #expect(ping.status == .ok)
        }
    }

    /// Creates an API client of `acme` through `POST /auth/v3/clients`.
    func register(_ client: any TestClientProtocol) async throws -> Client {
        let created = try await client.gws(.post, "/auth/v3/clients", body: #"{"data":{"name":"desktop","clientId":"desktop"}}"#)
        #expect(created.status == .ok)
        let secret = try #require(created.data?["clientSecret"]?.stringValue)
        let again = try await client.gws(.post, "/auth/v3/clients", body: #"{"data":{"name":"desktop","clientId":"desktop"}}"#)
        #expect(again.status == .conflict)
        return Client(id: "desktop", secret: secret)
    }

    /// `POST /auth/v3/oauth/token` with `form`, authenticated as `api`.
    func token(_ client: any TestClientProtocol, _ api: Client, _ form: String) async throws -> GWSTestResponse {
        let response = try await client.execute(
            uri: "/auth/v3/oauth/token", method: .post,
            headers: [.authorization: api.basic, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: form))
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))) ?? .null
        return GWSTestResponse(status: response.status, headers: response.headers, json: json)
    }

    /// Runs `body` against an auth app on fresh stores, with a live Configuration
    /// holding agent `acme\agent1` (password `s3cret`).
    func withAuth(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await RedisTestServer.withServer { redis in
                let environment = ["GWS_POSTGRES_URL": server.url(database: database), "GWS_REDIS_URL": await redis.url]
                try await withStores(environment) { stores in
                    let postgres = try #require(stores.postgres)
                    let hasher = PasswordHasher(rounds: 1000)
                    let repository = ConfigurationRepository(store: postgres, hasher: hasher, logger: testLogger)
                    _ = try await repository.migrate()
                    _ = try await repository.ensureTenant(id: "acme")
                    _ = try await repository.createPerson(
                        tenant: "acme", NewPerson(userName: "agent1", employeeId: "e1", password: "s3cret", isAgent: true))
                    try await withLiveConfiguration(stores: stores, repository: repository) { url in
                        let auth = AuthService.buildApplication(
                            makeScaffold("auth", stores: stores), locator: FixedPeerLocator(url: url),
                            key: TestTokens.key, hasher: hasher)
                        try await auth.test(.live) { client in
                            #expect(try await client.waitUntilReady())
                            try await body(client)
                        }
                    }
                }
            }
        }
    }
}
