import GWSReconciler
import GWSRuntime
import GWSSpec

extension LocalStores {
    /// The Redis HA topology (`redis.sentinel.enabled`): ports for every data
    /// node and Sentinel (fixed ones from the spec: `redis.port + i`,
    /// `redis.sentinel.port + i`; else allocated and kept like the others),
    /// folders and first files, as one store with companions.
    static func redisHA(
        _ settings: RedisSentinelSpec, binding: StoreBinding, state: StateDirectory, redisServer: String,
        port: (_ id: String, _ fixed: Int) throws -> Int
    ) throws -> ManagedStore {
        guard let redisSentinel = which("redis-sentinel") else {
            throw RuntimeError(
                "redis-sentinel is not installed: `apt-get install redis-sentinel`, or set redis.sentinel.enabled=false")
        }
        let nodePorts = try (0...settings.replicas).map { i in
            try port("redis-\(i)", binding.port == 0 ? 0 : binding.port + i)
        }
        let sentinelPorts = try (0..<settings.sentinels).map { i in
            try port("\(RedisHATopology.sentinelRole)-\(i)", settings.port == 0 ? 0 : settings.port + i)
        }
        let topology = RedisHATopology(
            settings: settings, nodePorts: nodePorts, sentinelPorts: sentinelPorts,
            dataRoot: state.root.appendingPathComponent("data").path)
        try topology.prepareFiles()
        return topology.managedStore(redisServer: redisServer, redisSentinel: redisSentinel)
    }
}
