import Synchronization

/// The proxy's shared view of every routed service: the passing instances
/// discovery reported and a ``Balancer`` each. Thread-safe; every method is a
/// short critical section.
public final class UpstreamDirectory: Sendable {
    private struct Entry {
        var balancer: Balancer
        /// Whether discovery has answered for this service at least once.
        var heard = false
        /// Retries left for this service.
        var retryBudget = RetryBudget()
    }

    private let entries: Mutex<[String: Entry]>

    /// A directory for `services`, none heard from yet.
    public init(services: [String], ejectionDuration: Duration = .seconds(5)) {
        let balancer = Balancer(ejectionDuration: ejectionDuration)
        self.entries = Mutex(
            Dictionary(services.map { ($0, Entry(balancer: balancer)) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Records discovery's latest list for `service`.
    public func update(service: String, instances: [UpstreamInstance]) {
        entries.withLock { entries in
            entries[service]?.balancer.update(instances)
            entries[service]?.heard = true
        }
    }

    /// The services discovery has not answered for yet.
    public var unheardServices: [String] {
        entries.withLock { $0.filter { !$0.value.heard }.keys.sorted() }
    }

    /// The passing instances of `service` as last reported.
    public func instances(of service: String) -> [UpstreamInstance] {
        entries.withLock { $0[service]?.balancer.instances ?? [] }
    }

    /// Counts a request to `service` for its retry budget.
    public func recordRequest(service: String, now: ContinuousClock.Instant) {
        entries.withLock { $0[service]?.retryBudget.recordRequest(now: now) }
    }

    /// Takes a retry of `service` from its budget (see ``RetryBudget``); false when spent.
    public func withdrawRetry(service: String, now: ContinuousClock.Instant) -> Bool {
        entries.withLock { $0[service]?.retryBudget.withdrawRetry(now: now) ?? false }
    }

    /// See ``Balancer/next(excluding:affinity:now:)``.
    public func next(
        service: String, excluding: Set<String>, affinity: String? = nil, now: ContinuousClock.Instant
    ) -> UpstreamInstance? {
        entries.withLock { $0[service]?.balancer.next(excluding: excluding, affinity: affinity, now: now) }
    }

    /// See ``Balancer/reportFailure(_:now:)``; true for a new ejection.
    @discardableResult
    public func reportFailure(service: String, instanceID: String, now: ContinuousClock.Instant) -> Bool {
        entries.withLock { $0[service]?.balancer.reportFailure(instanceID, now: now) ?? false }
    }

    /// See ``Balancer/reportSuccess(_:)``.
    public func reportSuccess(service: String, instanceID: String) {
        entries.withLock { $0[service]?.balancer.reportSuccess(instanceID) }
    }

    /// The ids of `service` out of rotation at `now`.
    public func ejectedIDs(service: String, now: ContinuousClock.Instant) -> Set<String> {
        entries.withLock { $0[service]?.balancer.ejectedIDs(now: now) ?? [] }
    }
}
