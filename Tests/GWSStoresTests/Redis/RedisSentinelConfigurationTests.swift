import Foundation
import GWSStores
import Testing

@Suite("Redis Sentinel configuration and retry policy")
struct RedisSentinelConfigurationTests {
    @Test("redis-sentinel:// names the Sentinels, the master and the database")
    func sentinelURL() throws {
        let config = try RedisConfiguration(url: "redis-sentinel://app:s%40cret@10.0.0.1:26380,sentinel-b,[::1]:26381/gws/2")
        let sentinel = try #require(config.sentinel)
        #expect(
            sentinel.sentinels == [
                RedisServerAddress(host: "10.0.0.1", port: 26380), RedisServerAddress(host: "sentinel-b", port: 26379),
                RedisServerAddress(host: "::1", port: 26381),
            ])
        #expect(sentinel.masterName == "gws")
        #expect(config.database == 2)
        #expect(config.username == "app" && config.password == "s@cret")
        #expect(config.description == "redis-sentinel://app:***@10.0.0.1:26380,sentinel-b:26379,[::1]:26381/gws/2")
        #expect(config.address == "master gws via 10.0.0.1:26380,sentinel-b:26379,[::1]:26381")
        #expect(!String(reflecting: config).contains("s@cret"))
    }

    @Test("the database defaults to 0; the password file applies to the master")
    func defaultsAndPasswordFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redis-pw-\(UUID().uuidString)").path
        try "from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try RedisConfiguration(url: "redis-sentinel://127.0.0.1:1,127.0.0.1:2/mymaster", passwordFile: path)
        #expect(config.database == 0)
        #expect(config.sentinel?.masterName == "mymaster")
        #expect(config.password == "from-file")
        #expect(try RedisConfiguration(url: "redis://h:1").sentinel == nil)
    }

    @Test(
        "invalid Sentinel URLs are rejected without echoing the password",
        arguments: [
            "redis-sentinel://u:topsecret@h:1", "redis-sentinel://u:topsecret@h:1/", "redis-sentinel://u:topsecret@h:x/m",
            "redis-sentinel://u:topsecret@h:1,,h:2/m", "redis-sentinel://u:topsecret@h:1/m/db",
            "redis-sentinel://u:topsecret@h:1/m/0/extra", "redis-sentinel://u:topsecret@[::1/m",
        ])
    func invalid(_ url: String) {
        do {
            _ = try RedisConfiguration(url: url)
            Issue.record("accepted \(url)")
        } catch let error as RedisError {
            #expect(error.code == .invalidConfiguration)
            #expect(!"\(error)".contains("topsecret"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("refused commands are always sent again; interrupted ones only when idempotent")
    func retryPolicy() {
        let readOnly = RedisError(.server, "READONLY You can't write against a read only replica.")
        let closed = RedisError(.connectionClosed, "connection to Redis at h:1 is closed")
        let wrongType = RedisError(.server, "WRONGTYPE Operation against a key holding the wrong kind of value")
        #expect(RedisRetryPolicy.classify(readOnly) == .rejected)
        #expect(RedisRetryPolicy.classify(closed) == .interrupted)
        #expect(RedisRetryPolicy.classify(RedisError(.timeout, "t")) == .interrupted)
        #expect(RedisRetryPolicy.classify(wrongType) == .unrelated)
        #expect(RedisRetryPolicy.classify(RedisError(.authenticationFailed, "a")) == .unrelated)

        #expect(RedisRetryPolicy.mayRetry(commands: ["INCR"], after: .rejected))
        for command in ["SET", "get", "GETEX", "EXPIRE", "DEL", "EVAL", "HSET", "SADD"] {
            #expect(RedisRetryPolicy.mayRetry(commands: [command], after: .interrupted), "\(command)")
        }
        for command in ["INCR", "LPUSH", "GETDEL", "PUBLISH", "MULTI", "BLPOP"] {
            #expect(!RedisRetryPolicy.mayRetry(commands: [command], after: .interrupted), "\(command)")
        }
        #expect(RedisRetryPolicy.mayRetry(commands: ["SET", "SADD", "EXPIRE"], after: .interrupted))
        #expect(!RedisRetryPolicy.mayRetry(commands: ["SET", "INCR"], after: .interrupted))
        #expect(!RedisRetryPolicy.mayRetry(commands: ["GET"], after: .unrelated))
    }

    @Test("a Sentinel config file names the master, the replicas and the other Sentinels")
    func sentinelConfigFile() {
        let id = RedisSentinelConfigFile.sentinelID(seed: "a")
        #expect(id.count == 40 && id.allSatisfy(\.isHexDigit))
        #expect(id == RedisSentinelConfigFile.sentinelID(seed: "a"))
        #expect(id != RedisSentinelConfigFile.sentinelID(seed: "b"))
        let file = RedisSentinelConfigFile(
            masterName: "gws", address: RedisServerAddress(host: "127.0.0.1", port: 26379), id: id,
            master: RedisServerAddress(host: "127.0.0.1", port: 7001),
            replicas: [RedisServerAddress(host: "127.0.0.1", port: 7001), RedisServerAddress(host: "127.0.0.1", port: 7002)],
            otherSentinels: [(RedisServerAddress(host: "127.0.0.1", port: 26380), "b")], quorum: 2,
            downAfterMilliseconds: 1000, failoverTimeoutMilliseconds: 3000, directory: "/tmp/s")
        let text = file.render()
        #expect(text.contains("sentinel monitor gws 127.0.0.1 7001 2\n"))
        #expect(text.contains("sentinel down-after-milliseconds gws 1000\n"))
        #expect(text.contains("sentinel known-replica gws 127.0.0.1 7002\n"))
        #expect(!text.contains("known-replica gws 127.0.0.1 7001"))  // the master is no replica of itself
        #expect(text.contains("sentinel known-sentinel gws 127.0.0.1 26380 b\n"))
        #expect(text.contains("sentinel myid \(id)\n"))
    }
}
