import Foundation
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import GWSCometD

/// A clock tests move by hand, for inactivity expiry without sleeping.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    func advance(by duration: Duration) {
        instant.withLock { $0 = $0.advanced(by: duration) }
    }
}

/// What the hooks saw, in order: `subscribe tenant\user /channel`, `disconnect tenant\user`.
final class HookLog: Sendable {
    private let entries = Mutex<[String]>([])

    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

/// A CometD server on a router with the GWS error middleware, a manual
/// clock, and an authenticate hook that takes the user from `X-Test-User:
/// tenant\user` (no header: denied).
struct CometDFixture {
    static let path = "/workspace/v3/notifications"

    let server: CometDServer
    let clock: ManualClock
    let log: HookLog

    init(
        longPollTimeout: Duration = .milliseconds(200),
        maxInactivity: Duration = .seconds(60),
        maxQueuedMessages: Int = 100,
        sweepInterval: Duration = .seconds(5),
        customize: (inout CometDHooks, HookLog) -> Void = { _, _ in }
    ) {
        let clock = ManualClock()
        let log = HookLog()
        var hooks = CometDHooks(
            authenticate: { request, _ in
                guard let user = request.headers[HTTPFields.Element.Name("X-Test-User")!] else { return nil }
                let parts = user.split(separator: "\\", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw GWSError(.unauthorized, "bad test user") }
                return CometDIdentity(tenant: parts[0], userName: parts[1])
            },
            onSubscribe: { identity, channel in log.append("subscribe \(identity) \(channel)") },
            onDisconnect: { identity in log.append("disconnect \(identity)") })
        customize(&hooks, log)
        let configuration = CometDConfiguration(
            path: Self.path, longPollTimeout: longPollTimeout, maxInactivity: maxInactivity,
            maxQueuedMessages: maxQueuedMessages, sweepInterval: sweepInterval)
        var logger = Logger(label: "cometd-test")
        logger.logLevel = .critical
        self.server = CometDServer(configuration: configuration, hooks: hooks, logger: logger, now: { clock.now })
        self.clock = clock
        self.log = log
    }

    /// Runs `body` against the server through HummingbirdTesting (in-process
    /// router by default, or a live server on a real socket).
    func test(
        _ setup: TestingSetup = .router, _ body: @Sendable (BayeuxTestClient) async throws -> Void
    ) async throws {
        let router = Router(context: GWSRequestContext.self)
        router.add(middleware: GWSErrorMiddleware())
        server.register(on: router)
        let app = Application(router: router)
        try await app.test(setup) { client in
            try await body(BayeuxTestClient(client: client, server: server))
        }
    }
}

/// A Bayeux client over a HummingbirdTesting client.
struct BayeuxTestClient: Sendable {
    let client: any TestClientProtocol
    let server: CometDServer

    /// POSTs `body` to the endpoint (plus `/suffix`) and returns the raw response.
    func post(_ body: String, suffix: String? = nil, user: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let user { headers[HTTPFields.Element.Name("X-Test-User")!] = user }
        let uri = CometDFixture.path + (suffix.map { "/\($0)" } ?? "")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Sends `messages` and returns the decoded reply array, expecting 200 and JSON.
    func send(_ messages: JSONValue, suffix: String? = nil, user: String? = nil) async throws -> [JSONValue] {
        let encoded = String(decoding: try JSONEncoder().encode(messages), as: UTF8.self)
        let response = try await post(encoded, suffix: suffix, user: user)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json")
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
        return try #require(value.arrayValue)
    }

    /// Handshakes as `user` and returns the new clientId.
    func handshake(_ user: String = "acme\\alice") async throws -> String {
        let replies = try await send(
            [["channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "id": "1"]],
            user: user)
        #expect(replies.first?["successful"] == true)
        return try #require(replies.first?["clientId"]?.stringValue)
    }

    /// One `/meta/connect`; returns every message of the response.
    func connect(_ clientID: String, id: String = "c", advice: JSONValue? = nil) async throws -> [JSONValue] {
        var message: [String: JSONValue] = [
            "channel": "/meta/connect", "clientId": .string(clientID), "connectionType": "long-polling",
            "id": .string(id),
        ]
        if let advice { message["advice"] = advice }
        return try await send([.object(message)])
    }

    /// Subscribes to `subscription` (a channel or an array) and returns the reply.
    func subscribe(_ clientID: String, _ subscription: JSONValue) async throws -> JSONValue {
        let replies = try await send(
            [["channel": "/meta/subscribe", "clientId": .string(clientID), "subscription": subscription, "id": "s"]])
        return try #require(replies.first)
    }

    /// Handshake, the first (immediate) connect, and subscriptions: a client ready to long-poll.
    func ready(_ user: String = "acme\\alice", subscriptions: [String]) async throws -> String {
        let clientID = try await handshake(user)
        _ = try await connect(clientID)
        for channel in subscriptions {
            let reply = try await subscribe(clientID, .string(channel))
            #expect(reply["successful"] == true)
        }
        return clientID
    }

    /// Waits (up to 30 s) until `count` connects are held by the server.
    func waitForHeldConnects(_ count: Int) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while server.heldConnectCount != count {
            guard ContinuousClock.now < deadline else {
                Issue.record("expected \(count) held connects, have \(server.heldConnectCount)")
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// The delivered (non-meta) messages of a connect response, as `channel` → `data`.
func deliveries(_ replies: [JSONValue]) -> [JSONValue] {
    replies.filter { !($0["channel"]?.stringValue ?? "").hasPrefix("/meta/") }
}

/// The `/meta/connect` reply of a response.
func connectReply(_ replies: [JSONValue]) -> JSONValue? {
    replies.first { $0["channel"] == "/meta/connect" }
}
