import Logging
import NIOCore
import Synchronization

/// Finds the current Redis master through the Sentinels and follows it
/// across failovers; shared by one client's pool (or one subscriber).
///
/// ``master(maxWait:)`` answers the master last found; when there is none
/// (at first, after ``invalidate(_:)``, after `+switch-master`) one task
/// resolves it for every caller: it asks the Sentinels in turn
/// `SENTINEL get-master-addr-by-name <name>`, connects to the address named
/// and checks that `ROLE` says `master`, and tries again with a short backoff
/// until a master answers (during a failover the Sentinels still name the
/// dead master until they promoted a replica). Callers wait at most their
/// `maxWait`.
///
/// Each resolved master has a ``Master/generation`` that changes only when its
/// address changes; observers hear of every change (the pool drains its
/// connections to the old master, the subscriber reconnects). The resolver
/// also subscribes to `+switch-master` on every Sentinel (through
/// ``RedisSubscriber``, so that follows Sentinel restarts too) to learn of a
/// failover before a request fails.
final class RedisSentinelResolver: Sendable {
    /// A master as resolved.
    struct Master: Sendable, Hashable {
        var address: RedisServerAddress
        /// Changes whenever the master's address does (1 for the first one).
        var generation: UInt64
    }

    typealias Observer = @Sendable (Master) -> Void
    private typealias Waiter = CheckedContinuation<Master, any Error>

    private struct State {
        var current: Master?
        /// When the last known master was given up (nil while one is known, or before the first).
        var lostSince: ContinuousClock.Instant?
        var lastAddress: RedisServerAddress?
        var generation: UInt64 = 0
        var resolving = false
        /// Bumped by every `+switch-master`: a resolution that started before one must start over.
        var switches = 0
        var waiters: [Int: Waiter] = [:]
        var observers: [Int: Observer] = [:]
        var nextID = 0
        var preferred = 0
        var lastError: RedisError?
        var watcher: RedisSentinelWatcher?
        var closed = false
    }

    /// The Sentinels and the master's name.
    let sentinel: RedisSentinelConfiguration
    /// How to connect to a data node (password, database, timeouts), without the Sentinel part.
    let node: RedisConfiguration
    let group: any EventLoopGroup
    let logger: Logger
    private let state = Mutex(State())

    /// - Precondition: `configuration.sentinel` is set.
    init(configuration: RedisConfiguration, group: any EventLoopGroup, logger: Logger) {
        precondition(configuration.sentinel != nil, "RedisSentinelResolver needs a Sentinel configuration")
        self.sentinel = configuration.sentinel!
        var node = configuration
        node.sentinel = nil
        self.node = node
        self.group = group
        self.logger = logger
    }

    /// The generation of the master found last (0 before the first).
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Whether a master was known and has been lost for less than
    /// ``RedisSentinelConfiguration/failoverWait``: requests wait for the
    /// failover and then succeed, so the client still counts as reachable.
    var isFailingOver: Bool {
        state.withLock { state in
            guard state.current == nil, let since = state.lostSince else { return false }
            return ContinuousClock.now - since < sentinel.failoverWait
        }
    }

    /// The current master, resolving it first when none is known.
    ///
    /// - Throws: ``RedisError`` (the last resolution error's code, usually
    ///   ``RedisError/Code/connectionRefused``) when no master was found within
    ///   `maxWait`; ``RedisError/Code/clientClosed`` after ``close()``.
    func master(maxWait: Duration) async throws -> Master {
        if let current = state.withLock({ $0.current }) { return current }
        startWatching()
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: Waiter) in
                enum Next { case answer(Master), fail(RedisError), wait(startResolving: Bool) }
                let next = state.withLock { state -> Next in
                    if state.closed { return .fail(Self.closedError) }
                    if let current = state.current { return .answer(current) }
                    state.waiters[id] = waiter
                    if state.resolving { return .wait(startResolving: false) }
                    state.resolving = true
                    return .wait(startResolving: true)
                }
                switch next {
                case .answer(let master): waiter.resume(returning: master)
                case .fail(let error): waiter.resume(throwing: error)
                case .wait(let startResolving):
                    if startResolving { Task { await self.resolveLoop() } }
                    Task { [weak self] in
                        try? await Task.sleep(for: maxWait)
                        self?.giveUp(waiter: id, after: maxWait)
                    }
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Forgets the master of `generation` (a request to it failed), so the
    /// next ``master(maxWait:)`` resolves again; a newer master is kept.
    func invalidate(_ generation: UInt64) {
        state.withLock { state in
            guard state.current?.generation == generation else { return }
            state.current = nil
            state.lostSince = state.lostSince ?? .now
        }
    }

    /// Calls `observer` (on no particular task) whenever the master's address changes.
    @discardableResult
    func addObserver(_ observer: @escaping Observer) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.observers[state.nextID] = observer
            return state.nextID
        }
    }

    /// Fails every waiting caller and stops watching the Sentinels.
    func close() async {
        let (waiters, watcher) = state.withLock { state in
            state.closed = true
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll()
            state.observers.removeAll()
            defer { state.watcher = nil }
            return (waiters, state.watcher)
        }
        for waiter in waiters { waiter.resume(throwing: Self.closedError) }
        await watcher?.close()
    }

    // MARK: - Resolving

    /// Resolves until a master answers, the resolver closes, or nobody has
    /// waited for longer than ``RedisSentinelConfiguration/failoverWait``.
    private func resolveLoop() async {
        let started = ContinuousClock.now
        var attempt = 0
        while true {
            let switches = state.withLock { $0.switches }
            let result = await resolveOnce()
            if case .success(let address) = result, finish(address, switches: switches) { return }
            let stop = state.withLock { state -> Bool in
                if case .failure(let error) = result { state.lastError = error }
                guard state.closed || (state.waiters.isEmpty && ContinuousClock.now - started > sentinel.failoverWait)
                else { return false }
                state.resolving = false
                return true
            }
            if stop { return }
            if case .failure(let error) = result {
                logger.debug(
                    "no Redis master yet", metadata: ["redis.masterName": "\(sentinel.masterName)", "error": "\(error)"])
                try? await Task.sleep(for: min(.milliseconds(25) * (1 << min(attempt, 5)), .milliseconds(500)))
                attempt += 1
            }
        }
    }

    /// One pass over the Sentinels: the first master named that says it is one.
    private func resolveOnce() async -> Result<RedisServerAddress, RedisError> {
        let sentinels = sentinel.sentinels
        guard !sentinels.isEmpty else {
            return .failure(RedisError(.invalidConfiguration, "no Redis Sentinel is configured"))
        }
        let preferred = state.withLock { $0.preferred }
        var lastError = RedisError(.connectionRefused, "no Redis Sentinel answered")
        var checked = Set<RedisServerAddress>()
        for offset in 0..<sentinels.count {
            let index = (preferred + offset) % sentinels.count
            let named: RedisServerAddress?
            do { named = try await askSentinel(sentinels[index]) } catch let error as RedisError {
                lastError = error
                continue
            } catch {
                lastError = RedisError(.connectFailed, "\(error)")
                continue
            }
            guard let named else {
                lastError = RedisError(
                    .connectionRefused, "Sentinel \(sentinels[index]) monitors no master named \(sentinel.masterName)")
                continue
            }
            guard checked.insert(named).inserted else { continue }
            do {
                try await verifyMaster(named)
                state.withLock { $0.preferred = index }
                return .success(named)
            } catch let error as RedisError {
                lastError = error
            } catch {
                lastError = RedisError(.connectFailed, "\(error)")
            }
        }
        return .failure(lastError)
    }

    /// Records the master found; false when a `+switch-master` came meanwhile (resolve again).
    private func finish(_ address: RedisServerAddress, switches: Int) -> Bool {
        let outcome = state.withLock { state -> (Master, [Waiter], [Observer], Bool)? in
            guard state.switches == switches || state.closed else { return nil }
            let changed = state.lastAddress != address
            if changed {
                state.generation += 1
                state.lastAddress = address
            }
            let master = Master(address: address, generation: state.generation)
            state.current = master
            state.lostSince = nil
            state.resolving = false
            state.lastError = nil
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll()
            return (master, waiters, changed ? Array(state.observers.values) : [], changed)
        }
        guard let (master, waiters, observers, changed) = outcome else { return false }
        if changed {
            logger.info(
                "Redis master found through the Sentinels",
                metadata: [
                    "redis.masterName": "\(sentinel.masterName)", "redis.master": "\(address)",
                    "redis.generation": "\(master.generation)",
                ])
        }
        for waiter in waiters { waiter.resume(returning: master) }
        for observer in observers { observer(master) }
        return true
    }

    /// A caller waited `maxWait` in vain.
    private func giveUp(waiter id: Int, after maxWait: Duration) {
        let (waiter, last) = state.withLock { ($0.waiters.removeValue(forKey: id), $0.lastError) }
        guard let waiter else { return }
        let reason = last.map { ": \($0.message)" } ?? ""
        waiter.resume(
            throwing: RedisError(
                last?.code ?? .connectionRefused,
                "no Redis master \(sentinel.masterName) found through the Sentinels within \(maxWait)\(reason)"))
    }

    private func askSentinel(_ address: RedisServerAddress) async throws -> RedisServerAddress? {
        try await RedisSentinelQueries.masterAddress(
            askingSentinel: address, masterName: sentinel.masterName, timeout: sentinel.queryTimeout,
            eventLoopGroup: group, logger: logger)
    }

    /// Connects to `address` as a client would and checks that `ROLE` says `master`.
    private func verifyMaster(_ address: RedisServerAddress) async throws {
        var configuration = node
        configuration.host = address.host
        configuration.port = address.port
        let role = try await RedisSentinelQueries.role(
            of: configuration, timeout: sentinel.queryTimeout, eventLoopGroup: group, logger: logger)
        guard role == .master else {
            throw RedisError(.connectionRefused, "Redis at \(address) is a \(role), not the master (yet)")
        }
    }

    // MARK: - +switch-master

    /// Starts watching the Sentinels for `+switch-master` (once).
    private func startWatching() {
        let watcher = state.withLock { state -> RedisSentinelWatcher? in
            guard state.watcher == nil, !state.closed else { return nil }
            let watcher = RedisSentinelWatcher(sentinel: sentinel, group: group, logger: logger) { [weak self] new in
                self?.switched(to: new)
            }
            state.watcher = watcher
            return watcher
        }
        watcher?.start()
    }

    /// A Sentinel announced `new` as the master: resolve again (unless it is the one we have).
    func switched(to new: RedisServerAddress) {
        let resolve = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.switches += 1
            guard state.current?.address != new else { return false }
            if state.current != nil { state.lostSince = .now }
            state.current = nil
            guard !state.resolving else { return false }
            state.resolving = true
            return true
        }
        if resolve {
            logger.info(
                "a Sentinel switched the Redis master",
                metadata: ["redis.masterName": "\(sentinel.masterName)", "redis.master": "\(new)"])
            Task { await self.resolveLoop() }
        }
    }

    static let closedError = RedisError(.clientClosed, "the Redis client is closed")
}
