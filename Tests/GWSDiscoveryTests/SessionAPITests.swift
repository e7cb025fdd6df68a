import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSDiscovery

/// `/v1/session/*` and `?acquire=|release=` over HTTP, in-process through the router: Consul's wire format.
@Suite struct SessionAPITests {
    let clock = ManualDiscoveryClock(now: .seconds(1))
    let registry: ConsulRegistry

    init() {
        registry = ConsulRegistry(logger: testLogger, clock: clock)
    }

    func withApp(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router()
        ConsulAPI.addRoutes(to: router, registry: registry)
        try await Application(router: router, logger: testLogger).test(.router, test)
    }

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
    }

    func create(_ client: some TestClientProtocol, _ body: String) async throws -> String {
        let response = try await client.execute(uri: "/v1/session/create", method: .put, body: ByteBuffer(string: body))
        #expect(response.status == .ok)
        let object = try #require(try Self.json(response) as? [String: Any])
        return try #require(object["ID"] as? String)
    }

    @Test func createReadsBodiesLikeConsul() async throws {
        try await withApp { client in
            // py-consul's body: lower-case keys, lock delay as "<n>s".
            let a = try await create(client, #"{"name": "a", "ttl": "10s", "lockdelay": "1s", "behavior": "delete"}"#)
            // A bare number under 1000 means seconds; an empty body takes every default.
            let b = try await create(client, #"{"Name": "b", "LockDelay": 7}"#)
            let c = try await create(client, "")

            let info = try await client.execute(uri: "/v1/session/info/\(a)", method: .get)
            #expect(info.headers[ConsulAPI.indexHeader] != nil)
            let sessions = try #require(try Self.json(info) as? [[String: Any]])
            let session = try #require(sessions.first)
            #expect(session["ID"] as? String == a)
            #expect(session["Name"] as? String == "a")
            #expect(session["Node"] as? String == "gws-local")
            #expect(session["TTL"] as? String == "10s")
            #expect(session["Behavior"] as? String == "delete")
            #expect(session["LockDelay"] as? Int64 == 1_000_000_000, "nanoseconds, as Go encodes a Duration")
            #expect(session["NodeChecks"] as? [String] == ["serfHealth"])
            #expect((session["CreateIndex"] as? Int ?? 0) > 0)

            #expect(await registry.session(b)?.lockDelay == .seconds(7))
            let defaults = try #require(await registry.session(c))
            #expect(defaults.lockDelay == .seconds(15))
            #expect(defaults.behavior == .release)
            #expect(defaults.ttl == "")

            let list = try #require(try Self.json(try await client.execute(uri: "/v1/session/list", method: .get)) as? [[String: Any]])
            #expect(list.compactMap { $0["ID"] as? String } == [a, b, c].sorted())
            let node = try #require(
                try Self.json(try await client.execute(uri: "/v1/session/node/gws-local", method: .get)) as? [[String: Any]])
            #expect(node.count == 3)
        }
    }

    @Test func errorsAndUnknownSessionsLikeConsul() async throws {
        try await withApp { client in
            let short = try await client.execute(
                uri: "/v1/session/create", method: .put, body: ByteBuffer(string: #"{"TTL": "5s"}"#))
            #expect(short.status == .internalServerError)
            #expect(String(buffer: short.body).contains("Invalid Session TTL '5000000000'"))
            let badDelay = try await client.execute(
                uri: "/v1/session/create", method: .put, body: ByteBuffer(string: #"{"LockDelay": "soon"}"#))
            #expect(badDelay.status == .badRequest)

            let renew = try await client.execute(uri: "/v1/session/renew/ghost", method: .put)
            #expect(renew.status == .notFound)
            #expect(String(buffer: renew.body) == "Session id 'ghost' not found\n")
            let info = try await client.execute(uri: "/v1/session/info/ghost", method: .get)
            #expect(info.status == .ok)
            #expect((try Self.json(info) as? [Any])?.isEmpty == true, "Consul answers [] for an unknown session")
            let destroy = try await client.execute(uri: "/v1/session/destroy/ghost", method: .put)
            #expect(String(buffer: destroy.body) == "true")

            let acquire = try await client.execute(uri: "/v1/kv/k?acquire=ghost", method: .put)
            #expect(acquire.status == .internalServerError)
            #expect(String(buffer: acquire.body).contains("invalid session"))
            let empty = try await client.execute(uri: "/v1/kv/k?acquire=", method: .put)
            #expect(String(buffer: empty.body).contains("missing session"))
        }
    }

    @Test func acquireReleaseAndTheKeyShowTheLock() async throws {
        try await withApp { client in
            let a = try await create(client, #"{"Name": "a"}"#)
            let b = try await create(client, #"{"Name": "b"}"#)
            func put(_ query: String, _ value: String) async throws -> String {
                let response = try await client.execute(
                    uri: "/v1/kv/svc/leader?\(query)", method: .put, body: ByteBuffer(string: value))
                return String(buffer: response.body)
            }
            #expect(try await put("acquire=\(a)", "A") == "true")
            #expect(try await put("acquire=\(b)", "B") == "false")
            // `release` wins over `acquire` in one request, as in Consul.
            #expect(try await put("acquire=\(b)&release=\(b)", "B") == "false")

            let read = try await client.execute(uri: "/v1/kv/svc/leader", method: .get)
            let entry = try #require((try Self.json(read) as? [[String: Any]])?.first)
            #expect(entry["Session"] as? String == a)
            #expect(entry["LockIndex"] as? Int == 1)
            #expect(entry["Value"] as? String == Data("A".utf8).base64EncodedString())

            #expect(try await put("release=\(a)", "free") == "true")
            let released = try await client.execute(uri: "/v1/kv/svc/leader", method: .get)
            let after = try #require((try Self.json(released) as? [[String: Any]])?.first)
            #expect(after["Session"] == nil, "no Session member once unlocked, as Consul omits it")
            #expect(after["LockIndex"] as? Int == 1)

            #expect(try await put("acquire=\(b)", "B") == "true")
            let retaken = try await client.execute(uri: "/v1/kv/svc/leader?raw", method: .get)
            #expect(String(buffer: retaken.body) == "B")
            #expect(await registry.kvPair("svc/leader")?.lockIndex == 2)

            // Destroying b releases the key with b's lock-delay (Consul's default 15 s).
            let destroyed = try await client.execute(uri: "/v1/session/destroy/\(b)", method: .put)
            #expect(String(buffer: destroyed.body) == "true")
            #expect(await registry.kvPair("svc/leader")?.session == nil)
            #expect(try await put("acquire=\(a)", "A") == "false")
            clock.advance(by: .seconds(15))
            #expect(try await put("acquire=\(a)", "A") == "true")
        }
    }

    @Test func renewAnswersTheSession() async throws {
        try await withApp { client in
            let id = try await create(client, #"{"TTL": "10s"}"#)
            clock.advance(by: .seconds(9))
            let renew = try await client.execute(uri: "/v1/session/renew/\(id)", method: .put)
            #expect(renew.status == .ok)
            let sessions = try #require(try Self.json(renew) as? [[String: Any]])
            #expect(sessions.first?["ID"] as? String == id)
            #expect(sessions.first?["TTL"] as? String == "10s")
            clock.advance(by: .seconds(9))
            #expect(await registry.session(id) != nil, "renewed at 9 s: alive at 18 s")
            clock.advance(by: .seconds(1))
            #expect(await registry.session(id) == nil, "expired one TTL after the renewal (a read sees it at once)")
            let late = try await client.execute(uri: "/v1/session/renew/\(id)", method: .put)
            #expect(late.status == .notFound)
        }
    }
}
