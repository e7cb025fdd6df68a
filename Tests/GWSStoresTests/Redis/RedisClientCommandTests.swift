import GWSTestKit
import GWSStores
import NIOCore
import Testing

/// Every typed helper, against a real redis-server.
@Suite("Redis client commands")
struct RedisClientCommandTests {
    private func withClient(_ body: (RedisClient) async throws -> Void) async throws {
        try await RedisTestServer.withServer { server in
            let client = RedisClient(configuration: await server.configuration(), logger: quietLogger)
            do {
                try await body(client)
                await client.close()
            } catch {
                await client.close()
                throw error
            }
        }
    }

    @Test("PING, INFO and the generic command")
    func pingInfoCommand() async throws {
        try await withClient { (client: RedisClient) async throws in
            #expect(try await client.ping() == "PONG")
            #expect(try await client.info("server").contains("redis_version:"))
            #expect(try await client.command(["ECHO", "hi"]) == .bulkString("hi"))
            let bytes = ByteBuffer(bytes: [0, 1, 2, 255])
            try await client.command([.string("SET"), .string("bin"), .bytes(bytes)])
            #expect(try await client.command(["GET", "bin"]).bytes == bytes)
            #expect(await client.isReachable())
        }
    }

    @Test("GET and SET with EX, PX, NX and XX; TTL")
    func getSet() async throws {
        try await withClient { (client: RedisClient) async throws in
            #expect(try await client.get("missing") == nil)
            #expect(try await client.set("k", to: "v1"))
            #expect(try await client.get("k") == "v1")
            #expect(try await client.set("k", to: "v2", condition: .ifNotExists) == false)
            #expect(try await client.get("k") == "v1")
            #expect(try await client.set("k", to: "v3", condition: .ifExists))
            #expect(try await client.set("absent", to: "x", condition: .ifExists) == false)
            #expect(try await client.get("k") == "v3")
            #expect(try await client.set("ex", to: "1", expiration: .seconds(100)))
            let ttl = try await client.ttl("ex")
            #expect(ttl > 0 && ttl <= 100)
            #expect(try await client.set("px", to: "1", expiration: .milliseconds(100_000), condition: .ifNotExists))
            let pttl = try await client.command(["PTTL", "px"]).int ?? 0
            #expect(pttl > 0 && pttl <= 100_000)
            #expect(try await client.ttl("k") == -1)
            #expect(try await client.set("unicode", to: "héllo ✓"))
            #expect(try await client.get("unicode") == "héllo ✓")
        }
    }

    @Test("DEL, EXISTS, EXPIRE, INCR")
    func keys() async throws {
        try await withClient { (client: RedisClient) async throws in
            try await client.set("a", to: "1")
            try await client.set("b", to: "2")
            #expect(try await client.exists("a", "b", "c") == 2)
            #expect(try await client.expire("a", seconds: 50))
            #expect(try await client.expire("nope", seconds: 50) == false)
            #expect(try await client.del("a", "b", "c") == 2)
            #expect(try await client.exists("a") == 0)
            #expect(try await client.incr("n") == 1)
            #expect(try await client.incr("n") == 2)
        }
    }

    @Test("HSET, HGET, HGETALL, HDEL")
    func hashes() async throws {
        try await withClient { (client: RedisClient) async throws in
            #expect(try await client.hset("h", fields: [("a", "1"), ("b", "2")]) == 2)
            #expect(try await client.hset("h", field: "a", to: "10") == false)
            #expect(try await client.hget("h", field: "a") == "10")
            #expect(try await client.hget("h", field: "zz") == nil)
            #expect(try await client.hgetall("h") == ["a": "10", "b": "2"])
            #expect(try await client.hdel("h", fields: "a", "zz") == 1)
            #expect(try await client.hgetall("h") == ["b": "2"])
            #expect(try await client.hgetall("none") == [:])
        }
    }

    @Test("LPUSH, LRANGE, LTRIM")
    func lists() async throws {
        try await withClient { (client: RedisClient) async throws in
            #expect(try await client.lpush("l", values: "a", "b", "c") == 3)
            #expect(try await client.lrange("l", from: 0, to: -1) == ["c", "b", "a"])
            try await client.ltrim("l", from: 0, to: 1)
            #expect(try await client.lrange("l", from: 0, to: -1) == ["c", "b"])
            #expect(try await client.lrange("none", from: 0, to: -1) == [])
        }
    }

    @Test("SADD, SREM, SMEMBERS")
    func sets() async throws {
        try await withClient { (client: RedisClient) async throws in
            #expect(try await client.sadd("s", members: "x", "y", "x") == 2)
            #expect(try await client.smembers("s") == ["x", "y"])
            #expect(try await client.srem("s", members: "x", "q") == 1)
            #expect(try await client.smembers("s") == ["y"])
        }
    }

    @Test("PUBLISH counts receivers")
    func publish() async throws {
        try await withClient { (client: RedisClient) async throws in
            #expect(try await client.publish("hello", to: "nobody-listens") == 0)
        }
    }

    @Test("server error replies become RedisError with the server's message")
    func serverErrors() async throws {
        try await withClient { (client: RedisClient) async throws in
            try await client.set("str", to: "x")
            await #expect {
                try await client.lpush("str", values: "y")
            } throws: { error in
                let e = error as? RedisError
                return e?.code == .server && e?.message.hasPrefix("WRONGTYPE") == true
            }
            await #expect {
                try await client.command(["NOSUCHCOMMAND"])
            } throws: { error in
                let e = error as? RedisError
                return e?.code == .server && e?.message.contains("unknown command") == true
            }
            // A pipeline keeps error replies in place.
            let replies = try await client.pipeline([["SET", "p", "1"], ["LPUSH", "p", "x"], ["GET", "p"]])
            #expect(replies.count == 3)
            #expect(replies[0] == .simpleString("OK"))
            if case .error(let message) = replies[1] { #expect(message.hasPrefix("WRONGTYPE")) } else {
                Issue.record("expected an error reply, got \(replies[1])")
            }
            #expect(replies[2] == .bulkString("1"))
            // The connection is still fine afterwards.
            #expect(try await client.ping() == "PONG")
        }
    }

    @Test("SELECT on connect: databases are separate")
    func database() async throws {
        try await RedisTestServer.withServer { server in
            var config = await server.configuration()
            config.database = 5
            let five = RedisClient(configuration: config, logger: quietLogger)
            let zero = RedisClient(configuration: await server.configuration(), logger: quietLogger)
            try await five.set("k", to: "in-5")
            #expect(try await zero.get("k") == nil)
            #expect(try await five.get("k") == "in-5")
            await five.close()
            await zero.close()
        }
    }
}
