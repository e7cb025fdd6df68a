import GWSCometD
import GWSStores
import Logging
import Synchronization

/// Recomputes, after changes in a tenant, the statistics of the
/// subscriptions whose owners have CometD clients on this instance, and
/// delivers those whose value changed (``StatisticsNotifications``).
///
/// "Changed" is against what this instance last delivered for the
/// subscription, or, for a subscription it has not delivered yet, the values
/// stored with it (those the client got when it opened or peeked it). Only
/// statistics the changes can alter are recomputed (``StatisticsChangeSet``).
final class StatisticsUpdater: Sendable {
    let calculator: StatisticsCalculator
    let subscriptions: StatisticsSubscriptionStore
    let notifications: StatisticsNotifications
    let logger: Logger
    /// Values last delivered from this instance, by `<tenant>/<subscriptionId>` then statisticId.
    private let delivered = Mutex<[String: [String: JSONValue]]>([:])

    init(
        calculator: StatisticsCalculator, subscriptions: StatisticsSubscriptionStore,
        notifications: StatisticsNotifications, logger: Logger
    ) {
        self.calculator = calculator
        self.subscriptions = subscriptions
        self.notifications = notifications
        self.logger = logger
    }

    /// Recomputes what `changes` can alter for `tenant`'s listeners here and
    /// delivers the changed values. Returns how many updates it delivered.
    @discardableResult
    func update(tenant: String, changes: StatisticsChangeSet) async -> Int {
        guard !changes.isEmpty else { return 0 }
        var updates = 0
        for identity in notifications.listeners(tenant: tenant) {
            do {
                for id in try await subscriptions.ids(tenant: tenant, owner: identity.userName) {
                    if try await update(id, of: identity, changes: changes) { updates += 1 }
                }
            } catch {
                logger.warning(
                    "cannot update statistics subscriptions",
                    metadata: ["identity": "\(identity)", "error": "\(error)"])
            }
        }
        return updates
    }

    /// Recomputes one subscription; true when an update was delivered.
    private func update(_ id: String, of identity: CometDIdentity, changes: StatisticsChangeSet) async throws -> Bool {
        let key = identity.tenant + "/" + id
        guard let subscription = try await subscriptions.load(id: id, tenant: identity.tenant, owner: identity.userName)
        else {
            try await subscriptions.forget(id: id, tenant: identity.tenant, owner: identity.userName)
            _ = delivered.withLock { $0.removeValue(forKey: key) }
            return false
        }
        let affected = subscription.statistics.filter(changes.affects)
        guard !affected.isEmpty else { return false }
        let values = try await calculator.values(of: affected, tenant: identity.tenant)
        let changed = delivered.withLock { delivered in
            var known = delivered[key] ?? subscription.values
            let changed = values.filter { value in
                guard let statisticId = value.statisticId else { return false }
                return known[statisticId] != value.value
            }
            for value in changed { known[value.statisticId ?? ""] = value.value }
            delivered[key] = known
            return changed
        }
        guard !changed.isEmpty else { return false }
        notifications.deliver(subscriptionId: id, statistics: changed, to: identity)
        return true
    }

    /// Forgets what was delivered for a deleted subscription.
    func forget(tenant: String, subscriptionId: String) {
        _ = delivered.withLock { $0.removeValue(forKey: tenant + "/" + subscriptionId) }
    }
}
