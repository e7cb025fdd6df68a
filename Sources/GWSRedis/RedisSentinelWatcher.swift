import Logging
import NIOCore
import Synchronization

/// Listens for `+switch-master` on every Sentinel and reports the new
/// address of one master name.
///
/// Each Sentinel gets its own ``RedisSubscriber``, which reconnects (and
/// subscribes again) by itself when that Sentinel restarts; a Sentinel that
/// is down at first is tried again every second.
final class RedisSentinelWatcher: Sendable {
    private let sentinel: RedisSentinelConfiguration
    private let subscribers: [RedisSubscriber]
    private let onSwitch: @Sendable (RedisServerAddress) -> Void
    private let tasks = Mutex<[Task<Void, Never>]?>([])

    init(
        sentinel: RedisSentinelConfiguration, group: any EventLoopGroup, logger: Logger,
        onSwitch: @escaping @Sendable (RedisServerAddress) -> Void
    ) {
        self.sentinel = sentinel
        self.onSwitch = onSwitch
        self.subscribers = sentinel.sentinels.map { address in
            RedisSubscriber(
                configuration: RedisConfiguration(
                    host: address.host, port: address.port, connectTimeout: sentinel.queryTimeout,
                    commandTimeout: max(sentinel.queryTimeout, .seconds(1)),
                    reconnect: RedisBackoff(initial: .milliseconds(100), maximum: .seconds(1))),
                eventLoopGroup: group, logger: logger)
        }
    }

    /// Subscribes on every Sentinel.
    func start() {
        let masterName = sentinel.masterName
        let onSwitch = self.onSwitch
        let started = subscribers.map { subscriber in
            Task {
                while !Task.isCancelled {
                    do {
                        for await message in try await subscriber.subscribe(channels: ["+switch-master"]) {
                            if let new = Self.parse(message.string, masterName: masterName) { onSwitch(new) }
                        }
                        return  // the subscriber was closed
                    } catch {
                        try? await Task.sleep(for: .seconds(1))  // that Sentinel is down
                    }
                }
            }
        }
        let late = tasks.withLock { tasks -> Bool in
            guard tasks != nil else { return true }
            tasks! += started
            return false
        }
        if late { for task in started { task.cancel() } }
    }

    /// Stops listening.
    func close() async {
        let running = tasks.withLock { tasks in
            defer { tasks = nil }
            return tasks ?? []
        }
        for task in running { task.cancel() }
        for subscriber in subscribers { await subscriber.close() }
    }

    /// The new address in `+switch-master <name> <old-ip> <old-port> <new-ip> <new-port>`,
    /// when it is about `masterName`.
    static func parse(_ payload: String, masterName: String) -> RedisServerAddress? {
        let parts = payload.split(separator: " ")
        guard parts.count == 5, parts[0] == masterName, let port = Int(parts[4]) else { return nil }
        return RedisServerAddress(host: String(parts[3]), port: port)
    }
}
