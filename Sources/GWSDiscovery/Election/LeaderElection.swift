import Logging
import ServiceLifecycle

/// Elects one leader among candidates through a Consul session and a lock on the key
/// `<prefix>/leader/<name>` (the embedded registry or a real Consul).
///
/// Each candidate runs one `LeaderElection` (a swift-service-lifecycle `Service`) in its `ServiceGroup`.
/// It creates a session with the configured TTL and lock-delay, renews it every TTL/2, acquires the key
/// when it is free (writing ``LeaderElectionConfiguration/candidate`` as its value), and otherwise
/// follows the key with blocking queries. Decisions are ``LeaderElectionState``'s; time is the injected
/// ``DiscoveryClock``.
///
/// Every change of ``Leadership`` is passed to `onChange`, which the elector awaits before it does
/// anything else: code that must act only while leading starts its work when told `.leader` and stops
/// it, *before returning*, when told `.follower`. The same changes are yielded to ``changes`` for one
/// observer. The first report is `.leader`, or `.follower` once another leader is seen.
///
/// - A renewal answered 404 (the session expired or was destroyed) means the lock is gone: the elector
///   reports `.follower` at once, then creates a new session and campaigns again.
/// - A leader that cannot renew (registry unreachable) reports `.follower` when its lease runs out.
/// - On graceful shutdown it reports `.follower` (if it led), releases the key and destroys its session,
///   so a standby takes over at once, without a lock-delay.
/// - Cancelling its task is treated like a crash: no call is made, and the others take over when the
///   session expires (TTL) and the key's lock-delay has passed.
///
/// Usage (the operator, for instance):
/// ```swift
/// let election = LeaderElection(
///     client: consul, configuration: .init(name: "operator", candidate: "operator-\(pid)"), logger: logger
/// ) { leadership in
///     if leadership.isLeader { await controller.start() } else { await controller.stop() }
/// }
/// let group = ServiceGroup(configuration: .init(services: [election, …], logger: logger))
/// ```
public struct LeaderElection: Service {
    /// How this candidate campaigns.
    public let configuration: LeaderElectionConfiguration
    let client: ConsulClient
    let clock: any DiscoveryClock
    let logger: Logger
    let onChange: @Sendable (Leadership) async -> Void
    /// Every leadership change, for one consumer (the newest 16 are kept if nobody reads them). It
    /// finishes when ``run()`` returns.
    public let changes: AsyncStream<Leadership>
    private let continuation: AsyncStream<Leadership>.Continuation

    /// Creates a candidate; `onChange` is awaited on every change of leadership.
    public init(
        client: ConsulClient, configuration: LeaderElectionConfiguration,
        clock: any DiscoveryClock = SystemDiscoveryClock(), logger: Logger,
        onChange: @escaping @Sendable (Leadership) async -> Void = { _ in }
    ) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.onChange = onChange
        (changes, continuation) = AsyncStream.makeStream(of: Leadership.self, bufferingPolicy: .bufferingNewest(16))
    }

    /// Campaigns until graceful shutdown (then resigns) or cancellation (then stops without a call).
    public func run() async throws {
        defer { continuation.finish() }
        let outcome = await cancelWhenGracefulShutdown { await self.campaign() }
        guard !Task.isCancelled else { return }
        await resign(outcome)
    }

    /// Where a campaign ended.
    struct Outcome: Sendable {
        var state: LeaderElectionState
        var reported: Leadership?
    }

    /// The campaign loop: report, decide, act, until cancelled.
    func campaign() async -> Outcome {
        var state = LeaderElectionState(configuration)
        var reported: Leadership?
        while !Task.isCancelled {
            reported = await report(state.leadership(at: clock.now()), after: reported)
            let now = clock.now()
            switch state.nextAction(at: now) {
            case .createSession:
                do {
                    let id = try await client.createSession(configuration.sessionRequest)
                    state.sessionCreated(id, requestedAt: now)
                    logger.debug("leader election session created", metadata: metadata(session: id))
                } catch {
                    failed(&state, error, "create a session")
                }
            case .renew(let session, let lease):
                switch await race(until: lease, { try await client.renewSession(session) }) {
                case .answered(.some):
                    state.renewed(requestedAt: now)
                case .answered(.none):
                    logger.warning("leader election session lost (renewal answered 404)", metadata: metadata(session: session))
                    state.sessionLost()
                case .failed(let error):
                    failed(&state, error, "renew the session")
                case .deadline:
                    logger.warning("leader election lease ran out before a renewal succeeded", metadata: metadata(session: session))
                }
            case .acquire(let session):
                do {
                    let acquired = try await client.kvAcquire(
                        configuration.key, session: session, value: configuration.candidate)
                    state.acquireAnswered(acquired, at: clock.now())
                } catch let error as ConsulError where error.responseBody?.contains("invalid session") == true {
                    logger.warning("leader election session lost (invalid session)", metadata: metadata(session: session))
                    state.sessionLost()
                } catch {
                    failed(&state, error, "acquire the key")
                }
            case .read(let index, let until):
                let read = await race(until: until) {
                    try await client.kvPair(configuration.key, index: index > 0 ? index : nil, wait: until - now)
                }
                switch read {
                case .answered(let result): state.observed(result.value, index: result.index)
                case .failed(let error): failed(&state, error, "read the key")
                case .deadline: break
                }
            case .sleep(let until):
                try? await clock.sleep(until: until)
            }
        }
        return Outcome(state: state, reported: reported)
    }

    /// Reports `leadership` when it differs from what was reported last (the initial `.follower` with
    /// no leader known is not reported); returns what is now reported.
    private func report(_ leadership: Leadership, after previous: Leadership?) async -> Leadership? {
        guard leadership != previous else { return previous }
        if previous == nil, leadership == .follower(leader: nil) { return previous }
        switch leadership {
        case .leader:
            logger.info("elected leader", metadata: metadata())
        case .follower(let leader):
            if previous == .leader {
                logger.info("stepped down as leader", metadata: metadata())
            } else {
                logger.debug("following", metadata: metadata().merging(["leader": "\(leader ?? "none")"]) { $1 })
            }
        }
        continuation.yield(leadership)
        await onChange(leadership)
        return leadership
    }

    /// After graceful shutdown: steps down, releases the key (no lock-delay) and destroys the session.
    private func resign(_ outcome: Outcome) async {
        if outcome.reported == .leader {
            _ = await report(.follower(leader: nil), after: .leader)
        }
        guard let session = outcome.state.session else { return }
        do {
            if try await client.kvRelease(configuration.key, session: session) {
                logger.info("released leadership", metadata: metadata(session: session))
            }
            try await client.destroySession(session)
        } catch {
            logger.warning(
                "could not release leadership; the session expires after its TTL",
                metadata: metadata(session: session).merging(["error": "\(error)"]) { $1 })
        }
    }

    private func failed(_ state: inout LeaderElectionState, _ error: any Error, _ what: String) {
        guard !Task.isCancelled else { return }
        logger.warning(
            "leader election could not \(what)", metadata: metadata().merging(["error": "\(error)"]) { $1 })
        state.callFailed(at: clock.now())
    }

    private func metadata(session: String? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["election.key": "\(configuration.key)", "candidate": "\(configuration.candidate)"]
        if let session { metadata["session.id"] = "\(session)" }
        return metadata
    }

    /// How a call raced against the clock ended.
    enum Raced<Value: Sendable>: Sendable {
        case answered(Value)
        case failed(any Error)
        case deadline
    }

    /// Runs `operation`, cancelling it when the clock reaches `deadline` first (`nil`: no deadline).
    func race<Value: Sendable>(
        until deadline: Duration?, _ operation: @escaping @Sendable () async throws -> Value
    ) async -> Raced<Value> {
        await withTaskGroup(of: Raced<Value>?.self) { group in
            group.addTask {
                do { return .answered(try await operation()) } catch { return .failed(error) }
            }
            if let deadline {
                group.addTask {
                    do { try await clock.sleep(until: deadline) } catch { return nil }
                    return .deadline
                }
            }
            while let next = await group.next() {
                guard let next else { continue }
                group.cancelAll()
                return next
            }
            return .deadline
        }
    }
}
