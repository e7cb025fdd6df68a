import Foundation
import GWSCometD
import GWSConfigData
import GWSServiceKit
import GWSStores
import GWSTestKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// A real PostgreSQL (Configuration data), a live Configuration app, a real
/// Redis, and a seeded agent of tenant `acme` (DN 7001 at place `Place_7001`,
/// their default place): what Workspace and Voice need to run for real.
struct WorkspaceWorld: Sendable {
    let redisURL: String
    let configurationURL: String
    let agent: Person
    let redis: RedisTestServer

    /// `Authorization` for the seeded agent (or `user`/`dbid` of another person).
    func agentAuthorization(user: String? = nil, dbid: Int? = nil, authorities: [String] = ["ROLE_AGENT"]) -> HTTPFields {
        let token = TestTokens.token(
            tenant: "acme", user: user ?? agent.userName, sub: String(dbid ?? agent.dbid), authorities: authorities)
        return [.authorization: "Bearer \(token)"]
    }

    /// Runs `body` against a Workspace app on this world (long polls held `longPoll` at most).
    func withWorkspace(
        longPoll: Duration = .seconds(2), _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withStores(["GWS_REDIS_URL": redisURL]) { stores in
            let app = try WorkspaceService.buildApplication(
                makeScaffold("workspace", stores: stores), locator: FixedPeerLocator(url: configurationURL),
                cometd: CometDConfiguration(path: WorkspaceNotifications.path, longPollTimeout: longPoll))
            try await app.test(.router, body)
        }
    }

    /// Runs `body` against a Voice app on this world.
    func withVoice(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withStores(["GWS_REDIS_URL": redisURL]) { stores in
            try await VoiceService.buildApplication(makeScaffold("voice", stores: stores)).test(.router, body)
        }
    }
}

/// Starts the world, runs `body`, stops everything.
func withWorkspaceWorld(_ body: @escaping @Sendable (WorkspaceWorld) async throws -> Void) async throws {
    try await PostgresTestServer.withServer { server in
        let database = try await server.makeDatabase()
        try await RedisTestServer.withServer { redis in
            let redisURL = await redis.url
            try await withStores(["GWS_POSTGRES_URL": server.url(database: database)]) { stores in
                let postgres = try #require(stores.postgres)
                let repository = ConfigurationRepository(store: postgres, hasher: PasswordHasher(rounds: 1000), logger: testLogger)
                _ = try await repository.migrate()
                _ = try await repository.ensureTenant(id: "acme")
                _ = try await repository.createDN(tenant: "acme", number: "7001")
                _ = try await repository.createPlace(tenant: "acme", name: "Place_7001", dn: "7001")
                let agent = try await repository.createPerson(tenant: "acme", NewPerson(
                    userName: "jsmith", firstName: "John", lastName: "Smith", employeeId: "1001", password: "Secret-123",
                    isAgent: true, agentLogin: "1001", defaultPlace: "Place_7001"))
                try await withLiveConfiguration(stores: stores, repository: repository) { url in
                    try await body(WorkspaceWorld(redisURL: redisURL, configurationURL: url, agent: agent, redis: redis))
                }
            }
        }
    }
}

/// A Bayeux (CometD) client over a HummingbirdTesting client, for `/workspace/v3/notifications`.
struct WorkspaceBayeux: Sendable {
    let client: any TestClientProtocol
    let headers: HTTPFields

    func send(_ messages: JSONValue) async throws -> [JSONValue] {
        var headers = self.headers
        headers[.contentType] = "application/json"
        let response = try await client.execute(
            uri: WorkspaceNotifications.path, method: .post, headers: headers,
            body: ByteBuffer(bytes: try JSONEncoder().encode(messages)))
        #expect(response.status == .ok)
        return try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView)).arrayValue ?? []
    }

    /// Handshakes; the reply.
    func handshake() async throws -> JSONValue {
        let replies = try await send([["channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"]]])
        return replies.first ?? .null
    }

    func subscribe(_ clientId: String, _ channel: String) async throws -> JSONValue {
        try await send([["channel": "/meta/subscribe", "clientId": .string(clientId), "subscription": .string(channel)]]).first ?? .null
    }

    /// Connects until messages arrive (or a few empty polls pass); the data messages.
    func messages(_ clientId: String, until predicate: ([JSONValue]) -> Bool = { !$0.isEmpty }) async throws -> [JSONValue] {
        var collected: [JSONValue] = []
        for _ in 0..<6 {
            let replies = try await send([["channel": "/meta/connect", "clientId": .string(clientId), "connectionType": "long-polling"]])
            collected += replies.filter { $0["channel"]?.stringValue?.hasPrefix("/meta/") == false }
            if predicate(collected) { break }
        }
        return collected
    }
}

extension JSONValue {
    /// `data.messageType` of a CometD message.
    var messageType: String? { self["data"]?["messageType"]?.stringValue }
}
