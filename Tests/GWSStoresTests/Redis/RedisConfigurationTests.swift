import Foundation
import GWSStores
import Testing

@Suite("Redis configuration")
struct RedisConfigurationTests {
    @Test("parses host, port, user, password and database")
    func fullURL() throws {
        let config = try RedisConfiguration(url: "redis://app:s%40cret@cache.internal:6380/3")
        #expect(config.host == "cache.internal")
        #expect(config.port == 6380)
        #expect(config.username == "app")
        #expect(config.password == "s@cret")
        #expect(config.database == 3)
        #expect(config.tls == nil)
    }

    @Test("defaults: port 6379, database 0, no credentials")
    func defaults() throws {
        let config = try RedisConfiguration(url: "redis://localhost")
        #expect(config.host == "localhost")
        #expect(config.port == 6379)
        #expect(config.database == 0)
        #expect(config.username == nil)
        #expect(config.password == nil)
    }

    @Test("password without user, IPv6, rediss:// turns TLS on")
    func variants() throws {
        let a = try RedisConfiguration(url: "redis://:pw@127.0.0.1:7000")
        #expect(a.username == nil && a.password == "pw" && a.port == 7000)
        let b = try RedisConfiguration(url: "rediss://[::1]:6390/2")
        #expect(b.host == "::1" && b.port == 6390 && b.database == 2)
        #expect(b.tls != nil)
        #expect(b.address == "[::1]:6390")
    }

    @Test("the password file wins over the URL and loses its trailing newline")
    func passwordFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redis-pw-\(UUID().uuidString)").path
        try "from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try RedisConfiguration(url: "redis://u:from-url@h:1/0", passwordFile: path)
        #expect(config.password == "from-file")
        #expect(config.username == "u")
    }

    @Test("an unreadable password file is named; its would-be content is not")
    func missingPasswordFile() {
        #expect {
            try RedisConfiguration(url: "redis://h", passwordFile: "/nonexistent/redis-password")
        } throws: { error in
            let e = error as? RedisError
            return e?.code == .invalidConfiguration && e?.message.contains("/nonexistent/redis-password") == true
        }
    }

    @Test(
        "invalid URLs are rejected without echoing the password",
        arguments: [
            "http://u:topsecret@h:1", "redis://u:topsecret@h:port", "redis://u:topsecret@h:70000",
            "redis://u:topsecret@h:1/db", "redis://u:topsecret@", "redis://u:topsecret@[::1",
        ])
    func invalid(_ url: String) {
        do {
            _ = try RedisConfiguration(url: url)
            Issue.record("accepted \(url)")
        } catch let error as RedisError {
            #expect(error.code == .invalidConfiguration)
            #expect(!"\(error)".contains("topsecret"))
            #expect(!String(reflecting: error).contains("topsecret"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the password never shows in description, debug description or dump")
    func redaction() throws {
        let config = try RedisConfiguration(url: "redis://app:hunter2@h:1/4")
        #expect(config.description == "redis://app:***@h:1/4")
        #expect(!String(reflecting: config).contains("hunter2"))
        #expect(!"\(config)".contains("hunter2"))
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }

    @Test("backoff grows exponentially, is capped, and jitters within [d/2, d]")
    func backoff() {
        let backoff = RedisBackoff(initial: .milliseconds(100), maximum: .seconds(1), attempts: 3)
        #expect(backoff.delay(attempt: 0, random: 1) == .milliseconds(100))
        #expect(backoff.delay(attempt: 0, random: 0) == .milliseconds(50))
        #expect(backoff.delay(attempt: 2, random: 1) == .milliseconds(400))
        #expect(backoff.delay(attempt: 10, random: 1) == .seconds(1))
        #expect(backoff.delay(attempt: 10_000, random: 0) == .milliseconds(500))
        for attempt in 0..<8 {
            let d = backoff.delay(attempt: attempt)
            #expect(d >= .milliseconds(50) && d <= .seconds(1))
        }
        #expect(RedisBackoff(attempts: 0).attempts == 1)
    }
}
