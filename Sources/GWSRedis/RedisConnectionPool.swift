import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A bounded, lazily filled pool of ``RedisConnection``s (none at start, at
/// most ``RedisConfiguration/maximumConnections``).
///
/// A lease takes an idle open connection, else opens a new one while under
/// the bound, else waits for one to come back. Closed connections are dropped
/// when found, so after a server restart the next lease connects afresh;
/// connecting retries with backoff and jitter (``RedisBackoff``) before the
/// lease fails with the connect error. The decisions are made under a lock
/// (no actor hop on the fast path); connecting happens outside it.
///
/// With Sentinels (``RedisConfiguration/sentinel``) connections go to the
/// master its ``RedisSentinelResolver`` found, tagged with the master's
/// generation; when the master changes, idle connections to the old one are
/// closed at once and leased ones when they come back, so no request goes to
/// the old master once the new one is known.
final class RedisConnectionPool: Sendable {
    private typealias Waiter = CheckedContinuation<RedisConnection?, any Error>

    private struct State {
        var idle: [RedisConnection] = []
        var open = 0  // leased + idle + connecting
        var peakOpen = 0
        var waiters = CircularBuffer<Waiter>()
        var closed = false
    }

    /// What a lease does next, decided under the lock.
    private enum Decision {
        case use(RedisConnection)
        case connect
        case fail(RedisError)
        case wait
    }

    private let configuration: RedisConfiguration
    private let group: any EventLoopGroup
    private let logger: Logger
    private let sslContext: Result<NIOSSLContext?, RedisError>
    private let state = Mutex(State())
    /// Finds the master (Sentinel mode only).
    let resolver: RedisSentinelResolver?

    init(configuration: RedisConfiguration, group: any EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        if let tls = configuration.tls {
            do { sslContext = .success(try NIOSSLContext(configuration: tls)) } catch {
                sslContext = .failure(
                    RedisError(.connectFailed, "cannot set up TLS for Redis at \(configuration.address): \(error)"))
            }
        } else {
            sslContext = .success(nil)
        }
        resolver = configuration.sentinel.map { _ in
            RedisSentinelResolver(configuration: configuration, group: group, logger: logger)
        }
        resolver?.addObserver { [weak self] master in self?.drain(keeping: master.generation) }
    }

    /// A connection for one request; give it back with ``release(_:)``.
    ///
    /// - Parameter attempts: connect attempts if a connection must be opened
    ///   (default: the configured backoff's). Given (a readiness probe), with
    ///   Sentinels: one try of the known master, no waiting for a failover.
    func lease(attempts: Int? = nil, connectTimeout: Duration? = nil) async throws -> RedisConnection {
        let maximum = configuration.maximumConnections
        while true {
            let generation = resolver?.generation
            var decision = state.withLock { Self.decide(&$0, maximum: maximum, generation: generation) }
            if case .wait = decision {
                // Decide again inside the continuation so a release cannot slip in between.
                let handed: RedisConnection? = try await withCheckedThrowingContinuation { (waiter: Waiter) in
                    let now = state.withLock { state -> Decision in
                        let d = Self.decide(&state, maximum: maximum, generation: generation)
                        if case .wait = d { state.waiters.append(waiter) }
                        return d
                    }
                    switch now {
                    case .use(let connection): waiter.resume(returning: connection)
                    case .connect: waiter.resume(returning: nil)
                    case .fail(let error): waiter.resume(throwing: error)
                    case .wait: break
                    }
                }
                if let handed { return handed }
                // nil: room to open one; a slot was reserved for us by decide(.connect) or by release.
                decision = .connect
            }
            switch decision {
            case .use(let connection):
                return connection
            case .fail(let error):
                throw error
            case .wait:
                continue
            case .connect:
                do {
                    return try await connect(
                        attempts: attempts ?? configuration.reconnect.attempts, timeout: connectTimeout,
                        probe: attempts != nil)
                } catch {
                    let waiter = state.withLock { state -> Waiter? in
                        state.open -= 1
                        guard let waiter = state.waiters.popFirst() else { return nil }
                        state.open += 1  // the waiter takes over the slot and tries to connect itself
                        return waiter
                    }
                    waiter?.resume(returning: nil)
                    throw error
                }
            }
        }
    }

    /// Gives a leased connection back (closed ones are dropped).
    func release(_ connection: RedisConnection) {
        enum Next { case none, close, hand(Waiter), room(Waiter, close: Bool) }
        let active = connection.isActive
        let stale = resolver.map { connection.generation != $0.generation } ?? false
        let next = state.withLock { state -> Next in
            if state.closed {
                state.open -= 1
                return .close
            }
            if !active || stale {
                guard let waiter = state.waiters.popFirst() else {
                    state.open -= 1
                    return stale ? .close : .none
                }
                return .room(waiter, close: stale)  // keeps the slot for the waiter's own connect
            }
            if let waiter = state.waiters.popFirst() { return .hand(waiter) }
            state.idle.append(connection)
            return .none
        }
        switch next {
        case .none: break
        case .close: connection.closeSoon()
        case .hand(let waiter): waiter.resume(returning: connection)
        case .room(let waiter, let close):
            if close { connection.closeSoon() }
            waiter.resume(returning: nil)
        }
    }

    /// Closes the idle connections made for another master than `generation`'s.
    func drain(keeping generation: UInt64) {
        let stale = state.withLock { state -> [RedisConnection] in
            let stale = state.idle.filter { $0.generation != generation }
            state.idle.removeAll { $0.generation != generation }
            state.open -= stale.count
            return stale
        }
        if !stale.isEmpty {
            logger.debug("closing connections to the old Redis master", metadata: ["count": "\(stale.count)"])
        }
        for connection in stale { connection.closeSoon() }
    }

    /// Closes idle connections and fails waiters; leased ones close when released.
    func close() async {
        let (connections, waiters) = state.withLock { state -> ([RedisConnection], [Waiter]) in
            guard !state.closed else { return ([], []) }
            state.closed = true
            let connections = state.idle
            state.idle.removeAll()
            state.open -= connections.count
            let waiters = Array(state.waiters)
            state.waiters.removeAll()
            return (connections, waiters)
        }
        let error = RedisError(.clientClosed, "the Redis client is closed")
        for waiter in waiters { waiter.resume(throwing: error) }
        for connection in connections { await connection.close() }
        await resolver?.close()
    }

    /// Counts, for tests and metrics.
    var statistics: RedisPoolStatistics {
        state.withLock {
            RedisPoolStatistics(open: $0.open, idle: $0.idle.count, waiting: $0.waiters.count, peakOpen: $0.peakOpen)
        }
    }

    /// `generation`: the current master's (Sentinel mode), whose connections alone may be used.
    private static func decide(_ state: inout State, maximum: Int, generation: UInt64?) -> Decision {
        guard !state.closed else { return .fail(RedisError(.clientClosed, "the Redis client is closed")) }
        while let connection = state.idle.popLast() {
            if connection.isActive, generation == nil || connection.generation == generation {
                return .use(connection)
            }
            connection.closeSoon()
            state.open -= 1
        }
        if state.open < maximum {
            state.open += 1
            state.peakOpen = max(state.peakOpen, state.open)
            return .connect
        }
        return .wait
    }

    /// `probe`: a readiness check's lease; with Sentinels it tries the known master once and does not wait for a failover.
    private func connect(attempts: Int, timeout: Duration?, probe: Bool) async throws -> RedisConnection {
        if let resolver {
            return try await connectToMaster(resolver, maxWait: timeout ?? resolver.sentinel.failoverWait, once: probe)
        }
        var configuration = self.configuration
        if let timeout { configuration.connectTimeout = min(timeout, configuration.connectTimeout) }
        let sslContext = try self.sslContext.get()
        var attempt = 0
        while true {
            do {
                return try await RedisConnection.connect(
                    configuration: configuration, eventLoop: group.any(), logger: logger, sslContext: sslContext)
            } catch let error as RedisError {
                attempt += 1
                // Wrong passwords and bad TLS do not get better by retrying.
                guard attempt < attempts, error.code == .connectionRefused || error.code == .connectionClosed,
                    !state.withLock({ $0.closed })
                else { throw error }
                let delay = configuration.reconnect.delay(attempt: attempt - 1)
                logger.debug(
                    "Redis unreachable; retrying",
                    metadata: ["redis.address": "\(configuration.address)", "redis.retryIn": "\(delay)"])
                try await Task.sleep(for: delay)
            }
        }
    }
}

extension RedisConnectionPool {
    /// Connects to the master the resolver names; when that fails, forgets it
    /// and (unless `once`) asks again, waiting for a failover, for at most `maxWait`.
    private func connectToMaster(
        _ resolver: RedisSentinelResolver, maxWait: Duration, once: Bool
    ) async throws -> RedisConnection {
        let deadline = ContinuousClock.now + maxWait
        let sslContext = try self.sslContext.get()
        while true {
            let master = try await resolver.master(maxWait: max(.zero, deadline - .now))
            var configuration = self.configuration
            configuration.host = master.address.host
            configuration.port = master.address.port
            configuration.sentinel = nil
            do {
                return try await RedisConnection.connect(
                    configuration: configuration, eventLoop: group.any(), logger: logger, sslContext: sslContext,
                    generation: master.generation)
            } catch let error as RedisError where error.code == .connectionRefused || error.code == .connectionClosed {
                resolver.invalidate(master.generation)
                guard !once, ContinuousClock.now < deadline, !state.withLock({ $0.closed }) else { throw error }
            }
        }
    }
}

/// A snapshot of the pool's counts.
public struct RedisPoolStatistics: Sendable, Hashable {
    /// Connections open or being opened (idle + leased + connecting).
    public var open: Int
    /// Open connections waiting to be leased.
    public var idle: Int
    /// Requests waiting for a connection.
    public var waiting: Int
    /// The most connections ever open at once.
    public var peakOpen: Int
}
