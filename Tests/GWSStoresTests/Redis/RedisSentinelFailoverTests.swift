import GWSStores
import GWSTestKit
import Testing

/// The client against real `redis-server` ×2 and `redis-sentinel` ×3 started
/// by the test. Failover times are printed (measured), never asserted
/// beyond a generous bound: the targets live in the drills.
@Suite("Redis Sentinel failover", .serialized)
struct RedisSentinelFailoverTests {
    @Test("the client finds the master through the Sentinels and checks its role")
    func resolvesMaster() async throws {
        try await RedisSentinelTestCluster.withCluster { cluster in
            let client = RedisClient(configuration: await cluster.configuration(), logger: quietLogger)
            try await client.set("greeting", to: "hello")
            #expect(try await client.get("greeting") == "hello")
            let port = try await client.command(["CONFIG", "GET", "port"]).array?.last?.int
            #expect(port == (await cluster.nodePorts[0]))
            #expect(await client.isReachable())
            #expect(await cluster.role(ofNode: 1) == .replica(of: RedisServerAddress(host: "127.0.0.1", port: await cluster.nodePorts[0])))
            await client.close()
        }
    }

    @Test("master killed: replicated writes survive and writes resume on the promoted replica")
    func masterKilled() async throws {
        try await RedisSentinelTestCluster.withCluster { cluster in
            let client = RedisClient(configuration: await cluster.configuration(), logger: quietLogger)
            for i in 0..<50 { try await client.set("session:\(i)", to: "agent-\(i)", expiration: .seconds(600)) }
            // WAIT 1: acknowledged by the replica, so these must survive the master.
            #expect(try await client.command(["WAIT", "1", "2000"]).int == 1)

            let killed = ContinuousClock.now
            await cluster.kill(node: 0)
            // The first write after the kill waits for the failover and then succeeds (no error to the caller).
            try await client.set("after-failover", to: "1")
            let resumed = ContinuousClock.now - killed
            print("Redis Sentinel failover: master SIGKILLed → first write acknowledged after \(resumed)")
            #expect(resumed < .seconds(15))

            #expect(await cluster.role(ofNode: 1) == .master)
            // The leader Sentinel switched first; the others follow through its hello messages.
            for _ in 0..<50 where await cluster.masterNodeAccordingToSentinels() != 1 {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(await cluster.masterNodeAccordingToSentinels() == 1)
            for i in 0..<50 { #expect(try await client.get("session:\(i)") == "agent-\(i)") }
            #expect(try await client.get("after-failover") == "1")
            let port = try await client.command(["CONFIG", "GET", "port"]).array?.last?.int
            #expect(port == (await cluster.nodePorts[1]))
            await client.close()
        }
    }

    @Test("a write in flight when the master dies is sent again to the new master")
    func inFlightWritesRetried() async throws {
        try await RedisSentinelTestCluster.withCluster { cluster in
            let client = RedisClient(configuration: await cluster.configuration(maximumConnections: 4), logger: quietLogger)
            try await client.set("warm", to: "1")
            // Writers that keep writing across the kill; idempotent SETs must never fail.
            let writers = (0..<4).map { writer in
                Task {
                    var failures = 0
                    for n in 0..<250 {
                        do { try await client.set("w\(writer)", to: "\(n)") } catch { failures += 1 }
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    return failures
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            await cluster.kill(node: 0)
            var failures = 0
            for writer in writers { failures += try await writer.value }
            #expect(failures == 0)
            for writer in 0..<4 { #expect(try await client.get("w\(writer)") == "249") }
            await client.close()
        }
    }

    @Test("a planned failover (+switch-master with the old master alive) moves the client without errors")
    func switchMasterWithOldMasterAlive() async throws {
        try await RedisSentinelTestCluster.withCluster { cluster in
            let client = RedisClient(configuration: await cluster.configuration(), logger: quietLogger)
            try await client.set("before", to: "1")
            #expect(try await client.command(["WAIT", "1", "2000"]).int == 1)
            let sentinel = RedisConfiguration(host: "127.0.0.1", port: await cluster.sentinelPorts[0])
            let connection = try await RedisConnection.connect(configuration: sentinel, logger: quietLogger)
            _ = try await connection.send(["SENTINEL", "FAILOVER", await cluster.masterName])
            await connection.close()

            // The old master becomes a replica (READONLY for writes); the client must follow the Sentinels.
            var moved = false
            for n in 0..<200 where !moved {
                try await client.set("during", to: "\(n)")
                moved = try await client.command(["CONFIG", "GET", "port"]).array?.last?.int == (await cluster.nodePorts[1])
                if !moved { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(moved)
            #expect(try await client.get("before") == "1")
            try await client.set("after", to: "2")
            #expect(await cluster.role(ofNode: 1) == .master)
            await client.close()
        }
    }

    @Test("pub/sub moves to the new master and subscribes again")
    func subscriberFollowsMaster() async throws {
        try await RedisSentinelTestCluster.withCluster { cluster in
            let configuration = await cluster.configuration()
            let client = RedisClient(configuration: configuration, logger: quietLogger)
            let subscriber = RedisSubscriber(configuration: configuration, logger: quietLogger)
            let stream = try await subscriber.subscribe(channels: ["gws:events:demo"])
            let patterns = try await subscriber.psubscribe(patterns: ["gws:stats:*"])
            var iterator = stream.makeAsyncIterator()
            var patternIterator = patterns.makeAsyncIterator()
            #expect(try await client.publish("one", to: "gws:events:demo") == 1)
            #expect(await iterator.next()?.string == "one")

            let killed = ContinuousClock.now
            await cluster.kill(node: 0)
            // Publish (on the new master) until the subscriber is back there.
            var receivers = 0
            while receivers < 2, ContinuousClock.now - killed < .seconds(20) {
                receivers = (try? await client.publish("probe", to: "gws:events:demo")) ?? 0
                receivers += (try? await client.publish("probe", to: "gws:stats:demo")) ?? 0
                if receivers < 2 { try await Task.sleep(for: .milliseconds(20)) }
            }
            print("Redis Sentinel failover: subscriber listening on the new master after \(ContinuousClock.now - killed)")
            #expect(receivers == 2)
            #expect(try await client.publish("two", to: "gws:events:demo") == 1)
            var seen: [String] = []
            while let message = await iterator.next() {
                seen.append(message.string)
                if message.string == "two" { break }
            }
            #expect(seen.last == "two")
            #expect(await patternIterator.next()?.channel == "gws:stats:demo")
            await subscriber.close()
            await client.close()
        }
    }

    @Test("no Sentinel reachable: requests fail after the failover wait, readiness says unreachable")
    func noSentinel() async throws {
        var configuration = try RedisConfiguration(url: "redis-sentinel://127.0.0.1:1,127.0.0.1:2/gws/0")
        configuration.sentinel?.failoverWait = .milliseconds(300)
        let client = RedisClient(configuration: configuration, logger: quietLogger)
        await #expect { try await client.ping() } throws: { error in
            let e = error as? RedisError
            return e?.code == .connectionRefused && e?.message.contains("no Redis master gws") == true
        }
        #expect(await client.isReachable(timeout: .milliseconds(200)) == false)
        await client.close()
    }
}
