import Foundation
import GWSStores
import GWSTestKit
import GWSVoice
import Synchronization

/// A real Redis with a client, a controller on it (sequential ids, a clock
/// stepping one second per command), and a subscriber to the tenant's bus.
struct VoiceRedisHarness {
    static let tenant = "acme"

    let server: RedisTestServer
    let redis: RedisClient
    let controller: VoiceController

    /// Starts Redis, runs `body`, then closes the client and stops Redis.
    static func run<T: Sendable>(
        maximumAttempts: Int = 64, _ body: (VoiceRedisHarness) async throws -> T
    ) async throws -> T {
        try await RedisTestServer.withServer { server in
            let redis = RedisClient(configuration: await server.configuration(maximumConnections: 24), logger: quietLogger)
            let clock = SteppingClock()
            let controller = VoiceController(
                store: VoiceStateStore(redis: redis, maximumAttempts: maximumAttempts), ids: .sequential(),
                clock: { clock.next() }, logger: quietLogger)
            let harness = VoiceRedisHarness(server: server, redis: redis, controller: controller)
            do {
                let result = try await body(harness)
                await redis.close()
                return result
            } catch {
                await redis.close()
                throw error
            }
        }
    }

    /// Another controller on its own client, as a second Workspace instance
    /// would have (random ids, a clock stopped at `t0 + 100 s`).
    func secondInstance() async -> (VoiceController, RedisClient) {
        let client = RedisClient(configuration: await server.configuration(), logger: quietLogger)
        let controller = VoiceController(store: VoiceStateStore(redis: client), clock: { at(100) }, logger: quietLogger)
        return (controller, client)
    }

    /// Runs `command` for `userName`.
    @discardableResult
    func run(_ command: VoiceCommand, _ userName: String = Fixture.userName) async throws -> VoiceOutcome {
        try await controller.execute(command, tenant: Self.tenant, userName: userName)
    }

    /// The raw stored JSON of an agent's record.
    func storedJSON(_ userName: String = Fixture.userName) async throws -> String? {
        try await redis.get(VoiceStateStore.agentKey(tenant: Self.tenant, userName: userName))
    }
}

/// `t0`, `t0 + 1 s`, `t0 + 2 s`… one step per call.
final class SteppingClock: Sendable {
    private let counter = Counter()

    func next() -> Date { at(counter.next()) }
}

/// 0, 1, 2…
final class Counter: Sendable {
    private let value = Mutex(-1)

    func next() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
