import Foundation
import HummingbirdTesting
import Testing

@testable import GWSStores

#if canImport(Glibc)
    import Glibc
#endif

/// The Elasticsearch client's error paths against a real server: a server
/// killed in the middle of a request, and credentials the server refuses.
@Suite("ElasticsearchFailures", .serialized)
struct ElasticsearchFailureTests {
    static let password = "r1ght-Pa55"

    private func passwordFile(_ password: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gws-es-pw-\(UUID().uuidString.prefix(8))").path
        try (password + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a server killed mid-request fails that request as unreachable; the same client works once a server listens again")
    func serverKilledMidRequest() async throws {
        var server = try await OsmemServer.start()  // its own: this test kills it
        let address = try #require(server.url.split(separator: "/").last.map(String.init))
        let client = try ElasticsearchClient(
            configuration: ElasticsearchConfiguration(url: server.url, passwordFile: nil), logger: SearchTestSupport.logger)
        _ = try await client.ping()  // a pooled keep-alive connection now exists

        // Freeze the server so the next request is sent but never answered,
        // then kill it: the request must end with an error, not hang.
        #expect(kill(-server.pid, SIGSTOP) == 0)
        let index = SearchTestSupport.uniqueIndex("restart")
        let pending = Task { _ = try await client.createIndex(index) }
        try await Task.sleep(for: .milliseconds(300))
        await server.stop()
        let error = await #expect(throws: ElasticsearchError.self) { try await pending.value }
        #expect(error?.code == .unreachable)
        #expect(error?.description.contains("cannot reach Elasticsearch at \(server.url)") == true)

        // While no server listens: unreachable again.
        let down = await #expect(throws: ElasticsearchError.self) { try await client.ping() }
        #expect(down?.code == .unreachable)

        // A new server on the same address: the same client recovers by itself.
        server = try await OsmemServer.start(address: address)
        _ = try await client.ping()
        #expect(try await client.createIndex(index))
        #expect(try await client.indexExists(index))
        await server.stop()
    }

    @Test("credentials the server refuses are an httpStatus 401 error with its security_exception, never the password")
    func badCredentials() async throws {
        let osmem = try await OsmemServer.start()
        let wrong = "wr0ng-Pa55"
        let wrongFile = try passwordFile(wrong)
        let rightFile = try passwordFile(Self.password)
        defer {
            try? FileManager.default.removeItem(atPath: wrongFile)
            try? FileManager.default.removeItem(atPath: rightFile)
        }
        let gate = ElasticsearchSecurityGate.application(username: "elastic", password: Self.password, upstream: osmem.url)
        try await gate.test(.live) { testClient in
            let url = "http://127.0.0.1:\(try #require(testClient.port))"
            let refused = try ElasticsearchClient(
                configuration: ElasticsearchConfiguration(url: url, passwordFile: wrongFile), logger: SearchTestSupport.logger)
            let error = await #expect(throws: ElasticsearchError.self) {
                try await refused.search(index: "agents", as: JSONValue.self)
            }
            #expect(error?.code == .httpStatus)
            #expect(error?.status == 401)
            #expect(error?.type == "security_exception")
            #expect(error?.reason == "unable to authenticate user [elastic] for REST request [/agents/_search]")
            let encoded = Data("elastic:\(wrong)".utf8).base64EncodedString()
            for text in [String(describing: error), error?.message ?? ""] {
                #expect(!text.contains(wrong))
                #expect(!text.contains(encoded))
            }
            let noCredentials = try ElasticsearchClient(
                configuration: ElasticsearchConfiguration(url: url, passwordFile: nil), logger: SearchTestSupport.logger)
            let anonymous = await #expect(throws: ElasticsearchError.self) { try await noCredentials.ping() }
            #expect(anonymous?.status == 401)

            // The right password goes through the same gate to the real server.
            let accepted = try ElasticsearchClient(
                configuration: ElasticsearchConfiguration(url: url, passwordFile: rightFile), logger: SearchTestSupport.logger)
            let index = SearchTestSupport.uniqueIndex("auth")
            #expect(try await accepted.createIndex(index))
            #expect(try await accepted.indexExists(index))
        }
        await osmem.stop()
    }
}
