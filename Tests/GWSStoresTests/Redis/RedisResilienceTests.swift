import GWSTestKit
import GWSStores
import Logging
import NIOCore
import ServiceLifecycle
import Testing

/// The client when the server goes away and comes back, under load, and in a ServiceGroup.
@Suite("Redis client resilience")
struct RedisResilienceTests {
    @Test("server killed mid-request: in-flight requests fail; after a restart on the same port the client recovers")
    func killAndRestart() async throws {
        try await RedisTestServer.withServer { server in
            let client = RedisClient(configuration: await server.configuration(maximumConnections: 4), logger: quietLogger)
            try await client.set("before", to: "1")
            #expect(await client.isReachable())

            // Requests that stay in flight until the server dies.
            let blocked = (0..<3).map { i in
                Task { try await client.command(["BLPOP", "never-\(i)", "0"]) }
            }
            while client.statistics.open < 3 { try await Task.sleep(for: .milliseconds(5)) }
            try await Task.sleep(for: .milliseconds(50))  // let the BLPOPs reach the server
            await server.stop()
            let port = await server.port
            for task in blocked {
                await #expect { _ = try await task.value } throws: { error in
                    let e = error as? RedisError
                    return e?.code == .connectionClosed && e?.message.contains("127.0.0.1:\(port)") == true
                }
            }
            #expect(await client.isReachable(timeout: .milliseconds(200)) == false)
            await #expect { try await client.ping() } throws: { ($0 as? RedisError)?.code == .connectionRefused }

            try await server.restart()
            #expect(try await client.ping() == "PONG")
            #expect(try await client.get("before") == nil)  // a fresh server (no persistence)
            try await client.set("after", to: "2")
            #expect(try await client.get("after") == "2")
            #expect(await client.isReachable())
            await client.close()
        }
    }

    @Test("the pool never opens more than its bound, however many tasks ask")
    func poolBounded() async throws {
        try await RedisTestServer.withServer { server in
            let client = RedisClient(configuration: await server.configuration(maximumConnections: 3), logger: quietLogger)
            #expect(client.statistics.open == 0)  // lazily filled
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        for j in 0..<10 {
                            try await client.set("k\(i)-\(j)", to: "\(j)")
                            #expect(try await client.get("k\(i)-\(j)") == "\(j)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let stats = client.statistics
            #expect(stats.peakOpen <= 3)
            #expect(stats.open <= 3)
            #expect(stats.waiting == 0)
            let clients = try await client.command(["CLIENT", "LIST"]).string ?? ""
            #expect(clients.split(separator: "\n").count <= 3)
            await client.close()
            await #expect { try await client.ping() } throws: { ($0 as? RedisError)?.code == .clientClosed }
        }
    }

    @Test("as a Service, the client closes on graceful shutdown")
    func serviceLifecycle() async throws {
        try await RedisTestServer.withServer { server in
            let client = RedisClient(configuration: await server.configuration(), logger: quietLogger)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: client)], gracefulShutdownSignals: [], logger: quietLogger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(try await client.ping() == "PONG")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await #expect { try await client.ping() } throws: { ($0 as? RedisError)?.code == .clientClosed }
        }
    }
}
