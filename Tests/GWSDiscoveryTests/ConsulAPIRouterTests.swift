import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSDiscovery

/// The HTTP API, in-process through the router.
@Suite struct ConsulAPIRouterTests {
    let registry = ConsulRegistry(logger: testLogger)

    func withApp(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router()
        ConsulAPI.addRoutes(to: router, registry: registry)
        try await Application(router: router, logger: testLogger).test(.router, test)
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
    }

    static func index(_ response: TestResponse) -> UInt64? {
        response.headers[ConsulAPI.indexHeader].flatMap { UInt64($0) }
    }

    @Test func registersWithLowercaseKeysAndAnswersHealthLikeConsul() async throws {
        try await withApp { client in
            // py-consul sends lower-case keys; Consul matches keys case-insensitively.
            let registration = """
                {"name": "web", "id": "web-1", "address": "10.0.0.5", "port": 8080, "tags": ["v1"],
                 "meta": {"zone": "a"}, "checks": [{"ttl": "30s", "Status": "passing"}]}
                """
            try await client.execute(uri: "/v1/agent/service/register", method: .put, body: Self.body(registration)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/health/service/web?passing", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[ConsulAPI.knownLeaderHeader] == "true")
                #expect(Self.index(response) ?? 0 > 1)
                let entries = try #require(try Self.json(response) as? [[String: Any]])
                #expect(entries.count == 1)
                let service = try #require(entries.first?["Service"] as? [String: Any])
                #expect(service["ID"] as? String == "web-1")
                #expect(service["Service"] as? String == "web")
                #expect(service["Address"] as? String == "10.0.0.5")
                #expect(service["Port"] as? Int == 8080)
                #expect(service["Tags"] as? [String] == ["v1"])
                #expect(service["Meta"] as? [String: String] == ["zone": "a"])
                let checks = try #require(entries.first?["Checks"] as? [[String: Any]])
                #expect(checks.map { $0["CheckID"] as? String } == ["serfHealth", "service:web-1"])
                #expect(checks.allSatisfy { $0["Status"] as? String == "passing" })
                #expect(checks.last?["ServiceName"] as? String == "web")
                let node = try #require(entries.first?["Node"] as? [String: Any])
                #expect(node["Node"] as? String == "gws-local")
            }
            let tagged = try await client.execute(uri: "/v1/health/service/web?tag=v2", method: .get)
            #expect((try Self.json(tagged) as? [Any])?.isEmpty == true)
            let catalog = try await client.execute(uri: "/v1/catalog/services", method: .get)
            #expect(try Self.json(catalog) as? [String: [String]] == ["web": ["v1"]])
            try await client.execute(uri: "/v1/catalog/service/web", method: .get) { response in
                let entries = try #require(try Self.json(response) as? [[String: Any]])
                #expect(entries.first?["ServiceID"] as? String == "web-1")
                #expect(entries.first?["ServicePort"] as? Int == 8080)
            }
            try await client.execute(uri: "/v1/agent/services", method: .get) { response in
                let services = try #require(try Self.json(response) as? [String: [String: Any]])
                #expect(services["web-1"]?["Service"] as? String == "web")
            }
            try await client.execute(uri: "/v1/agent/checks", method: .get) { response in
                let checks = try #require(try Self.json(response) as? [String: [String: Any]])
                #expect(checks["service:web-1"]?["Type"] as? String == "ttl")
            }
            try await client.execute(uri: "/v1/health/checks/web", method: .get) { response in
                let checks = try #require(try Self.json(response) as? [[String: Any]])
                #expect(checks.map { $0["CheckID"] as? String } == ["service:web-1"])
            }
        }
    }

    @Test func ttlCheckEndpoints() async throws {
        try await withApp { client in
            let registration = #"{"Name": "job", "Check": {"CheckID": "job-ttl", "TTL": "1m"}}"#
            try await client.execute(uri: "/v1/agent/service/register", method: .put, body: Self.body(registration))
            #expect(await registry.healthyInstances(of: "job").isEmpty, "new checks start critical")

            try await client.execute(uri: "/v1/agent/check/pass/job-ttl?note=fine", method: .put) { #expect($0.status == .ok) }
            #expect(await registry.healthyInstances(of: "job").map(\.id) == ["job"])
            try await client.execute(uri: "/v1/agent/check/warn/job-ttl", method: .put)
            #expect(await registry.healthyInstances(of: "job").isEmpty)
            try await client.execute(
                uri: "/v1/agent/check/update/job-ttl", method: .put, body: Self.body(#"{"Status":"passing","Output":"ok"}"#)
            ) { #expect($0.status == .ok) }
            #expect(await registry.healthyInstances(of: "job").map(\.id) == ["job"])
            try await client.execute(uri: "/v1/agent/checks", method: .get) { response in
                let checks = try #require(try Self.json(response) as? [String: [String: Any]])
                #expect(checks["job-ttl"]?["Output"] as? String == "ok")
            }

            try await client.execute(
                uri: "/v1/agent/check/update/job-ttl", method: .put, body: Self.body(#"{"Status":"bogus"}"#)
            ) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/v1/agent/check/fail/nope", method: .put) { #expect($0.status == .notFound) }
        }
    }

    @Test func errorPaths() async throws {
        try await withApp { client in
            try await client.execute(uri: "/v1/agent/service/register", method: .put, body: Self.body("{not json")) {
                #expect($0.status == .badRequest)
                #expect($0.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect($0.body.text.contains("Request decode failed"))
            }
            try await client.execute(uri: "/v1/agent/service/register", method: .put, body: Self.body(#"{"Port": 1}"#)) {
                #expect($0.status == .badRequest)
                #expect($0.body.text == "Missing service name\n")
            }
            try await client.execute(
                uri: "/v1/agent/service/register", method: .put,
                body: Self.body(#"{"Name": "x", "Check": {"HTTP": "http://127.0.0.1:1/"}}"#)
            ) {
                #expect($0.status == .badRequest, "HTTP checks need an Interval")
            }
            try await client.execute(uri: "/v1/agent/service/deregister/ghost", method: .put) {
                #expect($0.status == .notFound)
                #expect($0.body.text.contains("ghost"))
            }
            try await client.execute(uri: "/v1/agent/service/maintenance/ghost?enable=true", method: .put) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/health/service/web?index=1&wait=forever", method: .get) {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test func maintenanceMode() async throws {
        try await withApp { client in
            try await client.execute(uri: "/v1/agent/service/register", method: .put, body: Self.body(#"{"Name":"web","ID":"w1"}"#))
            try await client.execute(uri: "/v1/agent/service/maintenance/w1", method: .put) {
                #expect($0.status == .badRequest, "enable is required")
            }
            try await client.execute(uri: "/v1/agent/service/maintenance/w1?enable=true&reason=upgrade%20now", method: .put) {
                #expect($0.status == .ok)
            }
            let passing = try await client.execute(uri: "/v1/health/service/web?passing=1", method: .get)
            #expect((try Self.json(passing) as? [Any])?.isEmpty == true)
            try await client.execute(uri: "/v1/health/service/web", method: .get) { response in
                let entries = try #require(try Self.json(response) as? [[String: Any]])
                let checks = try #require(entries.first?["Checks"] as? [[String: Any]])
                let maintenance = try #require(checks.last)
                #expect(maintenance["CheckID"] as? String == "_service_maintenance:w1")
                #expect(maintenance["Status"] as? String == "critical")
                #expect(maintenance["Notes"] as? String == "upgrade now")
            }
            try await client.execute(uri: "/v1/agent/service/maintenance/w1?enable=false", method: .put)
            #expect(await registry.healthyInstances(of: "web").map(\.id) == ["w1"])
        }
    }

    @Test func blockingQueryWithoutChangeKeepsItsIndex() async throws {
        try await withApp { client in
            try await client.execute(uri: "/v1/agent/service/register", method: .put, body: Self.body(#"{"Name":"web"}"#))
            let first = try await client.execute(uri: "/v1/health/service/web", method: .get)
            let index = try #require(Self.index(first))
            // A change elsewhere must not wake a query on "web".
            try await client.execute(uri: "/v1/agent/service/register", method: .put, body: Self.body(#"{"Name":"db"}"#))
            let second = try await client.execute(uri: "/v1/health/service/web?index=\(index)&wait=1s", method: .get)
            #expect(second.status == .ok)
            #expect(Self.index(second) == index)
            #expect(second.body == first.body)
        }
    }

    @Test func blockingQueryReturnsOnChange() async throws {
        try await withApp { client in
            let first = try await client.execute(uri: "/v1/health/service/web", method: .get)
            let index = try #require(Self.index(first))
            async let blocked = client.execute(uri: "/v1/health/service/web?index=\(index)&wait=5m", method: .get)
            #expect(try await eventually { await registry.waitingQueries == 1 })
            try await registry.register(ConsulServiceRegistration(id: "web-1", name: "web", port: 80))
            let answer = try await blocked
            #expect(try #require(Self.index(answer)) > index)
            let entries = try #require(try Self.json(answer) as? [[String: Any]])
            #expect((entries.first?["Service"] as? [String: Any])?["ID"] as? String == "web-1")
            #expect(await registry.waitingQueries == 0)
        }
    }

    @Test func keyValueStore() async throws {
        try await withApp { client in
            try await client.execute(uri: "/v1/kv/config/db/url", method: .put, body: Self.body("postgres://x")) {
                #expect($0.body.text == "true")
            }
            try await client.execute(uri: "/v1/kv/config/db/pool", method: .put, body: Self.body("5"))
            let read = try await client.execute(uri: "/v1/kv/config/db/url", method: .get)
            let entry = try #require((try Self.json(read) as? [[String: Any]])?.first)
            #expect(entry["Key"] as? String == "config/db/url")
            #expect(entry["Value"] as? String == Data("postgres://x".utf8).base64EncodedString())
            #expect(entry["Flags"] as? Int == 0)
            #expect(entry["LockIndex"] as? Int == 0)
            let modifyIndex = try #require(entry["ModifyIndex"] as? Int)
            #expect(entry["CreateIndex"] as? Int == modifyIndex)
            #expect(Self.index(read) == UInt64(modifyIndex))

            try await client.execute(uri: "/v1/kv/config/db/url?raw", method: .get) { #expect($0.body.text == "postgres://x") }
            let keys = try await client.execute(uri: "/v1/kv/config/?keys", method: .get)
            #expect(try Self.json(keys) as? [String] == ["config/db/pool", "config/db/url"])
            let folders = try await client.execute(uri: "/v1/kv/?keys&separator=/", method: .get)
            #expect(try Self.json(folders) as? [String] == ["config/"])
            let recursive = try await client.execute(uri: "/v1/kv/config?recurse", method: .get)
            #expect((try Self.json(recursive) as? [[String: Any]])?.count == 2)

            // Check-and-set.
            try await client.execute(uri: "/v1/kv/config/db/url?cas=0", method: .put, body: Self.body("x")) {
                #expect($0.body.text == "false")
            }
            try await client.execute(uri: "/v1/kv/config/db/url?cas=\(modifyIndex)", method: .put, body: Self.body("y")) {
                #expect($0.body.text == "true")
            }
            try await client.execute(uri: "/v1/kv/config/db/url?cas=\(modifyIndex)", method: .put, body: Self.body("z")) {
                #expect($0.body.text == "false", "the index moved on")
            }
            try await client.execute(uri: "/v1/kv/config/db/url?cas=abc", method: .put, body: Self.body("z")) {
                #expect($0.status == .badRequest)
            }

            // Empty values read back as null.
            try await client.execute(uri: "/v1/kv/flag", method: .put)
            try await client.execute(uri: "/v1/kv/flag", method: .get) { response in
                let entry = try #require((try Self.json(response) as? [[String: Any]])?.first)
                #expect(entry["Value"] is NSNull)
            }

            try await client.execute(uri: "/v1/kv/config/db/url", method: .delete) { #expect($0.body.text == "true") }
            try await client.execute(uri: "/v1/kv/config/db/url", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.index(response) != nil)
            }
            try await client.execute(uri: "/v1/kv/config?recurse", method: .delete)
            try await client.execute(uri: "/v1/kv/config?recurse", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/kv/", method: .put, body: Self.body("x")) { #expect($0.status == .badRequest) }
        }
    }

    @Test func statusAndSelf() async throws {
        try await withApp { client in
            try await client.execute(uri: "/v1/status/leader", method: .get) { #expect($0.body.text == #""127.0.0.1:8300""#) }
            try await client.execute(uri: "/v1/agent/self", method: .get) { response in
                let object = try #require(try Self.json(response) as? [String: Any])
                let config = try #require(object["Config"] as? [String: Any])
                #expect(config["Datacenter"] as? String == "dc1")
                #expect(config["NodeName"] as? String == "gws-local")
                #expect(object["Member"] is [String: Any])
            }
            try await client.execute(uri: "/v1/catalog/nodes", method: .get) { response in
                let nodes = try #require(try Self.json(response) as? [[String: Any]])
                #expect(nodes.map { $0["Node"] as? String } == ["gws-local"])
            }
        }
    }
}
