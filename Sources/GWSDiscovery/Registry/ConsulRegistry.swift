import AsyncHTTPClient
import Foundation
import Logging

/// The Consul-compatible service registry the operator serves in local mode.
///
/// It holds one node's services, checks and key/value entries (``RegistryState``), answers blocking
/// queries by suspending readers until the data they watch changes (no polling), and runs an HTTP check
/// at once when a service registers, so a ready service passes within one round-trip. Serve it over
/// HTTP with ``ConsulAPI/addRoutes(to:registry:)`` and run ``ConsulCheckRunner`` beside it to evaluate
/// checks periodically and expire sessions on time.
///
/// Every deadline (TTL checks, critical-service reaping, session TTLs, lock delays) is read from the
/// injected ``DiscoveryClock``, so tests drive them with ``ManualDiscoveryClock``. Blocking-query waits
/// and HTTP check timeouts are I/O timeouts and stay in real time.
public actor ConsulRegistry {
    var state: RegistryState
    let logger: Logger
    let prober: CheckProber
    /// The clock every deadline is read from.
    nonisolated let clock: any DiscoveryClock
    /// Consul's `session_ttl_min`: the shortest TTL a session may ask for.
    let minimumSessionTTL: Duration
    private var waiters = IndexWaiters()
    private var checkEvents: AsyncStream<ScheduledCheck>.Continuation?

    /// The longest an HTTP check run inline at registration may hold up the registration.
    static let inlineProbeLimit: Duration = .seconds(2)

    /// Creates an empty registry for one node.
    ///
    /// HTTP checks use `httpClient`, except that `HTTPClient.shared` (the default) stands for a module-wide
    /// client configured like it but without connection retries: the shared client's pool retries a
    /// refused connection, with growing backoff, until the check's timeout, which would keep a dead
    /// service's check waiting and a restarted one critical long after it is back.
    ///
    /// `minimumSessionTTL` is Consul's `session_ttl_min` (10 s by default).
    ///
    /// `firstIndex` is the `X-Consul-Index` it starts from. A registry that
    /// replaces another at the same address (a new operator after a takeover)
    /// should start above every index the old one handed out
    /// (``indexAfterRestart()``): clients hold blocking queries with the old
    /// indexes, which would otherwise wait out their whole `wait` on stale data
    /// before the index going backwards tells them to read afresh.
    public init(
        logger: Logger, httpClient: HTTPClient = .shared, nodeName: String = "gws-local", datacenter: String = "dc1",
        clock: any DiscoveryClock = SystemDiscoveryClock(), minimumSessionTTL: Duration = .seconds(10),
        firstIndex: UInt64 = 1
    ) {
        self.logger = logger
        self.clock = clock
        self.minimumSessionTTL = minimumSessionTTL
        let checkClient = httpClient === HTTPClient.shared ? CheckProber.sharedHTTPClient : httpClient
        self.prober = CheckProber(httpClient: checkClient, logger: logger)
        self.state = RegistryState(
            nodeName: nodeName, nodeID: UUID().uuidString.lowercased(), datacenter: datacenter, firstIndex: firstIndex)
    }

    /// A first index above any a registry started earlier on this machine can
    /// have reached: microseconds of the wall clock (a registry would need a
    /// million changes a second to overtake it).
    public static func indexAfterRestart(now: Date = Date()) -> UInt64 {
        UInt64(max(1, now.timeIntervalSince1970 * 1_000_000))
    }

    // MARK: Changing state

    /// Expires the sessions whose TTL has run out, then runs `change` on the state and wakes the blocking
    /// queries whose data it changed.
    func mutate<T>(_ change: (inout RegistryState) throws -> T) rethrows -> T {
        expireDueSessions()
        return try apply(change)
    }

    /// Runs `change` on the state and wakes the blocking queries whose data it changed.
    func apply<T>(_ change: (inout RegistryState) throws -> T) rethrows -> T {
        let before = state.index
        let result = try change(&state)
        if state.index != before { waiters.wake { self.state.watchedIndex($0) } }
        return result
    }

    /// Registers (or re-registers) a service instance, probes its HTTP and TCP checks once right away,
    /// and hands its checks to the check runner. Registering exactly what is registered changes nothing.
    public func register(_ registration: ConsulServiceRegistration) async throws {
        let scheduled = try mutate { [now = clock.now()] in try $0.register(registration, now: now) }
        logger.debug(
            "registered service",
            metadata: ["service.id": "\(registration.id)", "service.name": "\(registration.name)"])
        await withTaskGroup(of: Void.self) { group in
            for check in scheduled where check.kind.isProbed {
                group.addTask {
                    var limited = check
                    limited.timeout = min(check.timeout, Self.inlineProbeLimit)
                    guard let result = await self.prober.probe(limited) else { return }
                    await self.record(result, for: check)
                }
            }
        }
        for check in scheduled { checkEvents?.yield(check) }
    }

    /// Records one check result; `false` when the check's runner loop should end.
    @discardableResult
    func record(_ result: (status: ConsulCheckStatus, output: String), for check: ScheduledCheck) -> Bool {
        let now = clock.now()
        return mutate {
            $0.recordResult(
                checkID: check.id, generation: check.generation, status: result.status, output: result.output,
                now: now)
        }
    }

    /// Expires and reaps a TTL check when due; when to look again, or `nil` when its loop should end.
    func advanceTTL(_ check: ScheduledCheck) -> Duration? {
        let now = clock.now()
        return mutate { $0.advanceTTL(checkID: check.id, generation: check.generation, now: now) }
    }

    /// Removes a service instance and its checks at once (the operator calls this when it sees an instance
    /// die, so it leaves rotation immediately). Returns `false` when there was no such instance.
    @discardableResult
    public func deregister(serviceID: String) -> Bool {
        let removed = mutate { $0.deregister(serviceID: serviceID) }
        if removed { logger.debug("deregistered service", metadata: ["service.id": "\(serviceID)"]) }
        return removed
    }

    /// Puts a service instance in maintenance (out of every passing answer) or takes it out.
    public func setMaintenance(serviceID: String, enabled: Bool, reason: String? = nil) throws {
        try mutate { try $0.setMaintenance(serviceID: serviceID, enabled: enabled, reason: reason) }
    }

    /// Sets a TTL check's status, as a service's `pass`, `warn`, `fail` or `update` call does.
    public func updateTTL(checkID: String, status: ConsulCheckStatus, output: String? = nil) throws {
        let now = clock.now()
        try mutate { try $0.updateTTLCheck(id: checkID, status: status, output: output, now: now) }
    }

    // MARK: Reading state

    /// The instances of `service` whose every check passes, sorted by id.
    public func healthyInstances(of service: String) -> [ConsulServiceInstance] {
        state.passingInstances(of: service)
    }

    /// Every registered service name with the union of its instances' tags.
    public func services() -> [String: [String]] {
        state.catalogServices
    }

    /// The current index of what `watch` covers.
    func index(of watch: RegistryWatch) -> UInt64 {
        state.watchedIndex(watch)
    }

    /// Reads `read` from the state together with the index of `watch` (after expiring the sessions
    /// whose TTL has run out, so a read never shows one).
    func read<T: Sendable>(_ watch: RegistryWatch, _ read: @Sendable (RegistryState) -> T) -> (value: T, index: UInt64) {
        expireDueSessions()
        return (read(state), state.watchedIndex(watch))
    }

    // MARK: Blocking queries

    /// Returns once the index of `watch` exceeds `index`, after `timeout`, or on cancellation, whichever
    /// comes first.
    func waitForChange(of watch: RegistryWatch, after index: UInt64, timeout: Duration) async {
        guard state.watchedIndex(watch) <= index, timeout > .zero else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.suspendUntilChange(of: watch, after: index) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Suspends until the index of `watch` exceeds `index` or the task is cancelled (no timeout).
    func suspendUntilChange(of watch: RegistryWatch, after index: UInt64) async {
        let id = waiters.nextID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled || state.watchedIndex(watch) > index {
                    continuation.resume()
                } else {
                    waiters.add(id: id, watch: watch, after: index, continuation: continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        waiters.cancel(id: id)
    }

    /// The number of suspended blocking queries (for tests).
    var waitingQueries: Int { waiters.count }

    // MARK: Check runner

    /// The checks the runner must evaluate: every current one first, then each new definition as it is
    /// registered. One runner at a time; a new call replaces the previous stream.
    func scheduledChecks() -> AsyncStream<ScheduledCheck> {
        checkEvents?.finish()
        let (stream, continuation) = AsyncStream.makeStream(of: ScheduledCheck.self)
        for check in state.runnableChecks { continuation.yield(check) }
        checkEvents = continuation
        return stream
    }
}

extension RegistryCheckKind {
    /// Whether the registry probes it itself (HTTP and TCP).
    var isProbed: Bool {
        switch self {
        case .http, .tcp: true
        case .ttl, .maintenance: false
        }
    }
}
