import GWSTestKit
import GWSStores
import NIOCore
import Testing

/// One connection: pipelining, AUTH, connect errors, timeouts.
@Suite("Redis connection")
struct RedisConnectionTests {
    @Test("many commands in flight from concurrent tasks get their own replies, in order")
    func pipeliningFromConcurrentTasks() async throws {
        try await RedisTestServer.withServer { server in
            let connection = try await RedisConnection.connect(configuration: await server.configuration(), logger: quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<20 {
                    group.addTask {
                        for i in 0..<50 {
                            let key = "t\(task)-\(i)"
                            _ = try await connection.send(["SET", key, "v\(task)-\(i)"])
                            let reply = try await connection.send(["GET", key])
                            #expect(reply == .bulkString("v\(task)-\(i)"))
                            #expect(try await connection.send(["INCR", "counter"]).int != nil)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await connection.send(["GET", "counter"]) == .bulkString("1000"))
            // One batch of 1,000 commands in a single write.
            let commands = (0..<1000).map { _ in ["INCR", "seq"] }
            let replies = try await connection.pipeline(commands)
            #expect(replies == (1...1000).map { RESPValue.integer($0) })
            await connection.close()
        }
    }

    @Test("AUTH with the right password works; the wrong one says authentication failed and hides the password")
    func auth() async throws {
        try await RedisTestServer.withServer(password: "right-horse-battery") { server in
            let good = try await RedisConnection.connect(configuration: await server.configuration(), logger: quietLogger)
            #expect(try await good.send(["PING"]) == .simpleString("PONG"))
            await good.close()

            var wrong = await server.configuration()
            wrong.password = "wrong-staple-9000"
            do {
                _ = try await RedisConnection.connect(configuration: wrong, logger: quietLogger)
                Issue.record("connected with a wrong password")
            } catch let error as RedisError {
                #expect(error.code == .authenticationFailed)
                #expect(error.message.contains("authentication failed"))
                #expect(error.message.contains("127.0.0.1:\(await server.port)"))
                #expect(!"\(error)".contains("wrong-staple-9000"))
                #expect(!String(reflecting: error).contains("wrong-staple-9000"))
            }

            // With a user (the default user's ACL), and through the client.
            var withUser = await server.configuration()
            withUser.username = "default"
            let client = RedisClient(configuration: withUser, logger: quietLogger)
            #expect(try await client.ping() == "PONG")
            await client.close()

            var none = await server.configuration()
            none.password = nil
            let anonymous = RedisClient(configuration: none, logger: quietLogger)
            await #expect {
                try await anonymous.get("k")
            } throws: { ($0 as? RedisError)?.code == .authenticationFailed }
            await anonymous.close()
        }
    }

    @Test("connection refused names host:port")
    func connectionRefused() async throws {
        // Port 1: nothing listens there and no test server can take it (an
        // ephemeral "free" port may be taken by a parallel test meanwhile).
        let port = 1
        let config = RedisConfiguration(host: "127.0.0.1", port: port, reconnect: RedisBackoff(attempts: 1))
        await #expect {
            _ = try await RedisConnection.connect(configuration: config, logger: quietLogger)
        } throws: { error in
            let e = error as? RedisError
            return e?.code == .connectionRefused && e?.message.contains("127.0.0.1:\(port)") == true
        }
        let client = RedisClient(
            configuration: RedisConfiguration(
                host: "127.0.0.1", port: port,
                reconnect: RedisBackoff(initial: .milliseconds(1), maximum: .milliseconds(5), attempts: 3)),
            logger: quietLogger)
        await #expect {
            try await client.ping()
        } throws: { error in
            let e = error as? RedisError
            return e?.code == .connectionRefused && e?.message.contains("127.0.0.1:\(port)") == true
        }
        #expect(await client.isReachable(timeout: .milliseconds(200)) == false)
        #expect(client.statistics.open == 0)
        await client.close()
    }

    @Test("a timed-out command fails alone; later replies still match their commands")
    func timeoutKeepsOrder() async throws {
        try await RedisTestServer.withServer { server in
            let connection = try await RedisConnection.connect(configuration: await server.configuration(), logger: quietLogger)
            await #expect {
                // BLPOP blocks server-side for 0.3 s; the client gives up after 50 ms.
                _ = try await connection.send(["BLPOP", "empty-list", "0.3"], timeout: .milliseconds(50))
            } throws: { error in
                let e = error as? RedisError
                return e?.code == .timeout && e?.message.contains("BLPOP") == true
            }
            #expect(try await connection.send(["ECHO", "after"]) == .bulkString("after"))
            #expect(connection.isActive)
            await connection.close()
        }
    }

    @Test("a timed-out pipeline fails as a whole; its late replies are skipped, later ones match")
    func pipelineTimeoutKeepsOrder() async throws {
        try await RedisTestServer.withServer { server in
            let connection = try await RedisConnection.connect(configuration: await server.configuration(), logger: quietLogger)
            // BLPOP blocks server-side for 0.3 s; the client gives up on the pipeline after 50 ms.
            let late = Task {
                try await connection.pipeline(
                    [["ECHO", "before"], ["BLPOP", "empty-list", "0.3"], ["ECHO", "x"]], timeout: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(10))
            let behind = Task { try await connection.send(["ECHO", "queued behind"]) }
            await #expect {
                _ = try await late.value
            } throws: { error in
                let e = error as? RedisError
                return e?.code == .timeout && e?.message.contains("pipeline of 3 commands") == true
            }
            #expect(try await behind.value == .bulkString("queued behind"))
            #expect(try await connection.pipeline([["ECHO", "a"], ["ECHO", "b"]]) == [.bulkString("a"), .bulkString("b")])
            await connection.close()
        }
    }

    @Test("large replies that arrive in many reads, from concurrent pipelines, keep their order")
    func largeRepliesAcrossReads() async throws {
        try await RedisTestServer.withServer { server in
            let connection = try await RedisConnection.connect(configuration: await server.configuration(), logger: quietLogger)
            let big = (0..<8).map { String(repeating: Character(String($0)), count: 100_000 + $0) }
            _ = try await connection.pipeline(big.indices.map { ["SET", "big\($0)", big[$0]] })
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<10 {
                    group.addTask {
                        let order = big.indices.map { ($0 + task) % big.count }
                        let replies = try await connection.pipeline(order.map { ["GET", "big\($0)"] })
                        #expect(replies.map(\.string) == order.map { big[$0] })
                    }
                }
                try await group.waitForAll()
            }
            await connection.close()
        }
    }

    @Test("closing a connection fails what is in flight and everything after")
    func closedConnection() async throws {
        try await RedisTestServer.withServer { server in
            let connection = try await RedisConnection.connect(configuration: await server.configuration(), logger: quietLogger)
            let blocked = Task { try await connection.send(["BLPOP", "empty-list", "0"]) }
            try await Task.sleep(for: .milliseconds(50))  // let it reach the server (blocks forever)
            await connection.close()
            await #expect { _ = try await blocked.value } throws: { ($0 as? RedisError)?.code == .connectionClosed }
            await #expect { _ = try await connection.send(["PING"]) } throws: {
                ($0 as? RedisError)?.code == .connectionClosed
            }
        }
    }
}
