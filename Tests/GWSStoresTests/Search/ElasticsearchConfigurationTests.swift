import Foundation
import Testing

@testable import GWSStores

/// Credentials and unreachable servers; no server needed.
@Suite("ElasticsearchConfiguration")
struct ElasticsearchConfigurationTests {
    static let password = "s3cr3t-Pa55word"

    /// A password file in a fresh temporary folder.
    private func passwordFile(_ contents: String = password + "\n") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gws-es-pw-\(UUID().uuidString.prefix(8))").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("basic auth header from the password file (default user elastic, newline trimmed)")
    func basicAuth() throws {
        let file = try passwordFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let header = try ElasticsearchConfiguration(url: "http://127.0.0.1:9200/", passwordFile: file).authorizationHeader()
        #expect(header?.value == "Basic " + Data("elastic:\(Self.password)".utf8).base64EncodedString())
        let other = try ElasticsearchConfiguration(url: "http://h:9200", passwordFile: file, username: "gws").authorizationHeader()
        #expect(other?.value == "Basic " + Data("gws:\(Self.password)".utf8).base64EncodedString())
        #expect(try ElasticsearchConfiguration(url: "http://h:9200", passwordFile: nil).authorizationHeader() == nil)
    }

    @Test("the password never shows in descriptions, dumps or errors")
    func passwordNeverShown() async throws {
        let file = try passwordFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let configuration = ElasticsearchConfiguration(url: "http://127.0.0.1:1", passwordFile: file)
        let client = try ElasticsearchClient(configuration: configuration, logger: SearchTestSupport.logger)
        var dumped = ""
        dump(client, to: &dumped)
        let error = await #expect(throws: ElasticsearchError.self) { try await client.ping() }
        let encoded = Data("elastic:\(Self.password)".utf8).base64EncodedString()
        for text in [
            configuration.description, "\(configuration)", client.description, "\(client)", dumped,
            String(describing: error), error?.message ?? "",
        ] {
            #expect(!text.contains(Self.password))
            #expect(!text.contains(encoded))
        }
        #expect(configuration.description.contains(file))
    }

    @Test("connection refused is an unreachable error naming the URL")
    func connectionRefused() async throws {
        let client = try ElasticsearchClient(
            configuration: ElasticsearchConfiguration(url: "http://127.0.0.1:1", passwordFile: nil),
            logger: SearchTestSupport.logger)
        let error = await #expect(throws: ElasticsearchError.self) {
            try await client.search(index: "agents", as: JSONValue.self)
        }
        #expect(error?.code == .unreachable)
        #expect(error?.url == "http://127.0.0.1:1")
        #expect(error?.description.contains("cannot reach Elasticsearch at http://127.0.0.1:1") == true)
        #expect(error?.status == nil)
    }

    @Test("an unreadable password file is named in the error")
    func missingPasswordFile() {
        let path = "/nonexistent/gws-es-password"
        let error = #expect(throws: ElasticsearchError.self) {
            _ = try ElasticsearchClient(
                configuration: ElasticsearchConfiguration(url: "http://h:9200", passwordFile: path),
                logger: SearchTestSupport.logger)
        }
        #expect(error?.code == .passwordFile)
        #expect(error?.message.contains(path) == true)
    }

    @Test("credentials inside the URL are redacted; trailing slashes dropped")
    func redactedURL() {
        let configuration = ElasticsearchConfiguration(url: "https://user:pw@es.example:9200//", passwordFile: nil)
        #expect(configuration.url == "https://user:pw@es.example:9200")
        #expect(configuration.redactedURL == "https://***@es.example:9200")
        #expect(!configuration.description.contains("pw@"))
        #expect(ElasticsearchConfiguration(url: "http://h:9200/a@b", passwordFile: nil).redactedURL == "http://h:9200/a@b")
    }
}
