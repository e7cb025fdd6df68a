import GWSTestKit
import GWSStores
import NIOCore
import Testing

@Suite("Redis pub/sub")
struct RedisSubscriberTests {
    @Test("subscribe, psubscribe and unsubscribe deliver the right messages to the right streams")
    func delivery() async throws {
        try await RedisTestServer.withServer(password: "pubsub-pw") { server in
            let config = await server.configuration()
            let client = RedisClient(configuration: config, logger: quietLogger)
            let subscriber = RedisSubscriber(configuration: config, logger: quietLogger)

            let news = try await subscriber.subscribe(channels: ["news", "sport"])
            let patterned = try await subscriber.psubscribe(patterns: ["events.*"])
            #expect(try await client.publish("hello", to: "news") == 1)
            #expect(try await client.publish("goal", to: "sport") == 1)
            #expect(try await client.publish("started", to: "events.deploy") == 1)
            #expect(try await client.publish("nobody", to: "other") == 0)

            var newsIterator = news.makeAsyncIterator()
            let first = await newsIterator.next()
            #expect(first?.channel == "news" && first?.string == "hello" && first?.pattern == nil)
            let second = await newsIterator.next()
            #expect(second?.channel == "sport" && second?.string == "goal")
            var patternIterator = patterned.makeAsyncIterator()
            let event = await patternIterator.next()
            #expect(event == RedisMessage(channel: "events.deploy", pattern: "events.*", payload: ByteBuffer(string: "started")))

            await subscriber.unsubscribe(channels: ["news", "sport"])
            #expect(await newsIterator.next() == nil)  // the stream ended
            #expect(try await client.publish("late", to: "news") == 0)

            await subscriber.close()
            #expect(await patternIterator.next() == nil)
            await #expect { _ = try await subscriber.subscribe(channels: ["x"]) } throws: {
                ($0 as? RedisError)?.code == .clientClosed
            }
            await client.close()
        }
    }

    @Test("subscriptions come back after the server restarts")
    func resubscribeAfterRestart() async throws {
        try await RedisTestServer.withServer { server in
            let config = await server.configuration()
            let client = RedisClient(configuration: config, logger: quietLogger)
            let subscriber = RedisSubscriber(configuration: config, logger: quietLogger)
            let stream = try await subscriber.subscribe(channels: ["jobs"])
            let patterns = try await subscriber.psubscribe(patterns: ["job.*"])
            var iterator = stream.makeAsyncIterator()
            var patternIterator = patterns.makeAsyncIterator()
            #expect(try await client.publish("one", to: "jobs") == 1)
            #expect(await iterator.next()?.string == "one")

            try await server.restart()
            // Publish until the subscriber is back (PUBLISH returns the number of receivers).
            var receivers = 0
            for _ in 0..<500 where receivers < 2 {
                receivers = (try? await client.publish("probe", to: "jobs")) ?? 0
                receivers += (try? await client.publish("probe", to: "job.x")) ?? 0
                if receivers < 2 { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(receivers == 2)
            #expect(try await client.publish("two", to: "jobs") == 1)
            var seen: [String] = []
            while let message = await iterator.next() {
                seen.append(message.string)
                if message.string == "two" { break }
            }
            #expect(seen.last == "two")
            #expect(await patternIterator.next()?.channel == "job.x")
            await subscriber.close()
            await client.close()
        }
    }

    @Test("subscribing while the server is down times out cleanly")
    func subscribeWhileDown() async throws {
        let port = 1  // never listened on (a free ephemeral port could be taken by a parallel test)
        let config = RedisConfiguration(
            host: "127.0.0.1", port: port, commandTimeout: .milliseconds(200),
            reconnect: RedisBackoff(initial: .milliseconds(10), maximum: .milliseconds(50)))
        let subscriber = RedisSubscriber(configuration: config, logger: quietLogger)
        await #expect { _ = try await subscriber.subscribe(channels: ["c"]) } throws: {
            ($0 as? RedisError)?.code == .timeout
        }
        await subscriber.close()
    }
}
