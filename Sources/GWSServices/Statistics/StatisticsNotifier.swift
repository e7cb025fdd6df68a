import GWSServiceKit
import Logging
import ServiceLifecycle
import Synchronization

/// Statistics' consumer of the Data Collector's announcements:
/// `PSUBSCRIBE gws:stats:*` (``StatisticsChange``). Changes are merged per
/// tenant while an update runs, so a burst of events costs one recomputation
/// per tenant; the ``StatisticsUpdater`` then pushes changed values to this
/// instance's CometD clients.
final class StatisticsNotifier: Service, Sendable {
    let bus: BusSubscription
    let updater: StatisticsUpdater
    let logger: Logger
    private let pending = Mutex<[String: StatisticsChangeSet]>([:])

    init(bus: BusSubscription, updater: StatisticsUpdater, logger: Logger) {
        self.bus = bus
        self.updater = updater
        self.logger = logger
    }

    /// Consumes the announcements until graceful shutdown (and never returns
    /// before it, even when the subscriber was closed first).
    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            let (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [self] in
                    for await _ in signals { await drain() }
                }
                await bus.consume { [self] message in
                    guard record(channel: message.channel, payload: message.string) else { return }
                    signal.yield()
                }
                signal.finish()
            }
        }
        try? await gracefulShutdown()
    }

    /// Merges one announcement into the pending changes of its tenant (the
    /// channel's, `gws:stats:<tenant>`); false when it is not one.
    @discardableResult
    func record(channel: String, payload: String) -> Bool {
        let prefix = "gws:stats:"
        guard channel.hasPrefix(prefix), let change = try? StatisticsChange(jsonString: payload) else {
            logger.debug("not a statistics change; ignored", metadata: ["channel": "\(channel)"])
            return false
        }
        let tenant = String(channel.dropFirst(prefix.count))
        pending.withLock { $0[tenant, default: StatisticsChangeSet()].add(change) }
        return true
    }

    /// Updates every tenant with pending changes.
    func drain() async {
        let batch = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for (tenant, changes) in batch {
            await updater.update(tenant: tenant, changes: changes)
        }
    }
}
