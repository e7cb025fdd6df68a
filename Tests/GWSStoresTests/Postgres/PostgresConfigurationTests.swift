import Foundation
import GWSStores
import Testing

@Suite("PostgresConfiguration URL parsing")
struct PostgresConfigurationTests {
    @Test func parsesAllParts() throws {
        let config = try PostgresConfiguration(url: "postgres://gws:s3cret@db.local:6543/gws?sslmode=require", passwordFile: nil)
        #expect(config.host == "db.local")
        #expect(config.port == 6543)
        #expect(config.username == "gws")
        #expect(config.database == "gws")
        #expect(config.sslMode == .require)
        #expect(config.hasPassword)
        #expect(config.endpoint == "db.local:6543/gws")
    }

    @Test func defaultsPortAndSSLMode() throws {
        let config = try PostgresConfiguration(url: "postgresql://prov@127.0.0.1/prov", passwordFile: nil)
        #expect(config.port == 5432)
        #expect(config.sslMode == .disable)
        #expect(!config.hasPassword)
        _ = try config.makeClientConfiguration()
    }

    @Test func passwordFileWinsAndIsTrimmed() throws {
        let path = NSTemporaryDirectory() + "gws-pw-\(UUID().uuidString)"
        try "from-file-pw\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try PostgresConfiguration(url: "postgres://gws:url-pw@h:1/d", passwordFile: path)
        let client = try config.makeClientConfiguration()
        #expect(client.password == "from-file-pw")
        #expect(!config.description.contains("from-file-pw"))
        #expect(!String(reflecting: config).contains("from-file-pw"))
        #expect(!"\(config)".contains("url-pw"))
    }

    @Test(arguments: [
        "http://u@h:1/d",
        "postgres://u@h:1/",
        "postgres://h:1/d",
        "postgres://u:topsecret@h:1/d?sslmode=verify-full",
        "postgres://u:topsecret@h:1/d?application_name=x",
        "postgres://u:topsecret@h:99999/d",
    ])
    func rejectsInvalidURLs(url: String) throws {
        let error = try #require(throws: PostgresStoreError.self) {
            try PostgresConfiguration(url: url, passwordFile: nil)
        }
        #expect(error.code == .invalidConfiguration)
        #expect(!error.message.contains("topsecret"))
    }

    @Test func missingPasswordFileIsAClearError() throws {
        let error = try #require(throws: PostgresStoreError.self) {
            try PostgresConfiguration(url: "postgres://u:topsecret@h:1/d", passwordFile: "/nonexistent/pw")
        }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains("/nonexistent/pw"))
        #expect(!error.message.contains("topsecret"))
    }
}
