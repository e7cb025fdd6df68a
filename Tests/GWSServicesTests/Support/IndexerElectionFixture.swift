import GWSDiscovery
import GWSServiceKit
import GWSStores
import GWSTestKit
import GWSVoice
import Hummingbird
import HummingbirdTesting
import Prometheus
import ServiceLifecycle
import Testing

@testable import GWSServices

/// Data Collector indexers (as the role builds them) campaigning against the
/// embedded registry served in-process, on one real Redis and one shared
/// statistics store, with the registry and the elections on one manual clock.
struct IndexerElectionFixture: Sendable {
    let clock: ManualDiscoveryClock
    let registry: ConsulRegistry
    let registryPort: Int
    let stores: StoreConnections
    let redisServer: RedisTestServer
    /// The shared client (Voice's side).
    let redis: RedisClient

    /// One Data Collector's indexer.
    struct Candidate: Sendable {
        let name: String
        let service: DataCollectorIndexerService
        let status: IndexerStatus
        let redis: RedisClient
    }

    /// Runs `body` with a registry on a live port and a fresh Redis.
    static func run(_ body: @escaping @Sendable (IndexerElectionFixture) async throws -> Void) async throws {
        let clock = ManualDiscoveryClock()
        let registry = ConsulRegistry(logger: testLogger, clock: clock)
        let router = Router()
        ConsulAPI.addRoutes(to: router, registry: registry)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            services: [ConsulCheckRunner(registry: registry, logger: testLogger)], logger: testLogger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await RedisTestServer.withServer { server in
                let url = await server.url
                try await withStores(["GWS_REDIS_URL": url]) { stores in
                    let redis = try #require(stores.redis)
                    try await body(
                        IndexerElectionFixture(
                            clock: clock, registry: registry, registryPort: port, stores: stores, redisServer: server,
                            redis: redis))
                }
            }
        }
    }

    /// A candidate named `name`, built like ``DataCollectorService`` builds it.
    func candidate(_ name: String) async -> Candidate {
        let status = IndexerStatus(registry: PrometheusCollectorRegistry())
        let streamRedis = RedisClient(configuration: await redisServer.configuration(), logger: testLogger)
        let redis = self.redis
        let recorder = VoiceEventRecorder(
            statistics: stores.statistics, directory: StaticAgentDirectory(agents: testAgents),
            publish: { channel, message in _ = try await redis.publish(message, to: channel) }, logger: testLogger)
        let indexer = EventStreamIndexer(
            redis: streamRedis, recorder: recorder, checkpoint: IndexerCheckpoint(redis: streamRedis), status: status,
            isPrepared: { true }, logger: testLogger)
        let consul = ConsulHTTPClient.client(baseURL: "http://127.0.0.1:\(registryPort)", token: nil, logger: testLogger)
        let service = DataCollectorIndexerService(
            indexer: indexer, status: status, consul: consul,
            configuration: LeaderElectionConfiguration(name: DataCollectorIndexerService.electionName, candidate: name),
            clock: clock, logger: testLogger)
        return Candidate(name: name, service: service, status: status, redis: streamRedis)
    }

    /// Publishes `notifications` as Voice does (pub/sub and the stream).
    func publish(_ notifications: AgentNotification...) async throws {
        try await AgentNotificationBus.publish(notifications, on: redis)
    }

    /// The stored checkpoint and the stream's last entry.
    func checkpointAndLastEntry() async throws -> (checkpoint: RedisStreamID, last: RedisStreamID?) {
        let checkpoint = try await IndexerCheckpoint(redis: redis).load()
        let last = try await redis.command(["XREVRANGE", AgentNotification.streamKey, "+", "-", "COUNT", "1"]).array?
            .first?.array?.first?.string.flatMap(RedisStreamID.init)
        return (checkpoint, last)
    }

    /// Waits (in real time, at most ~1 s) until the number of tasks sleeping on the clock stays the same
    /// for a while: the tasks the clock drives have reacted to its last advance.
    func settle() async throws {
        var stable = 0
        var last = -1
        for _ in 0..<500 where stable < 10 {
            try await Task.sleep(for: .milliseconds(2))
            let count = clock.sleeperCount
            stable = count == last ? stable + 1 : 0
            last = count
        }
    }
}

/// Polls `condition` for ~10 s.
func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    for _ in 0..<500 {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return false
}
