/// The decisions of ``LeaderElection``, with no I/O and no clock (callers pass `now`), so every timing
/// rule is tested exactly.
///
/// The elector holds one session. It renews it every TTL/2 and counts its lease from the moment it
/// *sent* the last successful create or renewal: the registry's deadline is at least that plus the TTL,
/// so a leader that stops being able to renew steps down no later than the registry frees the key. It
/// tries to acquire the key when it is free: at once the first time and whenever a holder it saw lets
/// it go, but only every `lockRetryInterval` while a free key is refused (its lock-delay runs).
/// Otherwise it waits on the key with a blocking query until the next renewal is due.
struct LeaderElectionState: Sendable, Equatable {
    /// What the elector last learnt of the key.
    enum KeyState: Sendable, Equatable {
        /// Not read since the session was created or an acquisition was refused.
        case unknown
        /// Nobody holds it.
        case free
        /// Our session holds it.
        case ours
        /// Another session holds it; `holder` is the value it wrote.
        case other(holder: String?)
    }

    /// The next thing the elector does.
    enum Action: Sendable, Equatable {
        /// Create a session.
        case createSession
        /// Renew the session; give up waiting for the answer at `until` (the lease deadline, while leading).
        case renew(session: String, until: Duration?)
        /// Try to acquire the key.
        case acquire(session: String)
        /// Read the key: a blocking query past `index` (a plain read when 0) that gives up at `until`.
        case read(index: UInt64, until: Duration)
        /// Wait.
        case sleep(until: Duration)
    }

    let ttl: Duration
    let lockRetryInterval: Duration
    let retryInterval: Duration

    private(set) var session: String?
    /// The end of our lease: when we must stop leading unless a renewal succeeded.
    private(set) var leaseDeadline: Duration = .zero
    /// When the next renewal is due.
    private(set) var renewDue: Duration = .zero
    private(set) var key: KeyState = .unknown
    /// The key's index from the last read, for the next blocking query.
    private(set) var keyIndex: UInt64 = 0
    /// No acquisition before this (set when a free key was refused).
    private(set) var acquireAfter: Duration = .zero
    /// No call before this (set when a call failed).
    private(set) var retryAfter: Duration = .zero

    init(ttl: Duration, lockRetryInterval: Duration, retryInterval: Duration) {
        self.ttl = ttl
        self.lockRetryInterval = lockRetryInterval
        self.retryInterval = retryInterval
    }

    init(_ configuration: LeaderElectionConfiguration) {
        self.init(
            ttl: configuration.ttl, lockRetryInterval: configuration.lockRetryInterval,
            retryInterval: configuration.retryInterval)
    }

    // MARK: Decisions

    /// Whether we lead at `now`: our session holds the key and our lease has not run out.
    func isLeader(at now: Duration) -> Bool {
        session != nil && key == .ours && now < leaseDeadline
    }

    /// What to report at `now`.
    func leadership(at now: Duration) -> Leadership {
        if isLeader(at: now) { return .leader }
        if case .other(let holder) = key { return .follower(leader: holder) }
        return .follower(leader: nil)
    }

    /// What to do at `now`. While leading, no wait outlasts the lease, so stepping down is never late.
    func nextAction(at now: Duration) -> Action {
        let lease = isLeader(at: now) ? leaseDeadline : nil
        if now < retryAfter { return .sleep(until: min(retryAfter, lease ?? retryAfter)) }
        guard let session else { return .createSession }
        if now >= renewDue { return .renew(session: session, until: lease) }
        switch key {
        case .unknown, .free:
            if now >= acquireAfter { return .acquire(session: session) }
            if key == .unknown { return .read(index: 0, until: renewDue) }
            return .sleep(until: min(acquireAfter, renewDue))
        case .ours, .other:
            return .read(index: keyIndex, until: renewDue)
        }
    }

    // MARK: Outcomes

    /// A session was created by a request sent at `requestedAt`.
    mutating func sessionCreated(_ id: String, requestedAt: Duration) {
        session = id
        key = .unknown
        keyIndex = 0
        retryAfter = .zero
        extendLease(from: requestedAt)
    }

    /// A renewal sent at `requestedAt` succeeded.
    mutating func renewed(requestedAt: Duration) {
        retryAfter = .zero
        extendLease(from: requestedAt)
    }

    private mutating func extendLease(from start: Duration) {
        leaseDeadline = start + ttl
        renewDue = start + ttl / 2
    }

    /// The session is gone (renewal answered 404, or the registry called it invalid): its locks are
    /// gone with it, so we stop leading at once and create a new one.
    mutating func sessionLost() {
        session = nil
        key = .unknown
        keyIndex = 0
        retryAfter = .zero
    }

    /// The registry answered an acquisition at `now`.
    mutating func acquireAnswered(_ acquired: Bool, at now: Duration) {
        if acquired {
            key = .ours
        } else {
            key = .unknown
            keyIndex = 0
            acquireAfter = now + lockRetryInterval
        }
    }

    /// A read of the key answered `pair` (nil: no such key) at `index`.
    mutating func observed(_ pair: ConsulKVPair?, index: UInt64) {
        // Consul's advice: start over when the index goes backwards, and never block on 0.
        keyIndex = index < keyIndex ? 0 : max(index, 1)
        guard let holder = pair?.session else {
            key = .free
            return
        }
        if holder == session {
            key = .ours
        } else {
            let value = pair?.string ?? ""
            key = .other(holder: value.isEmpty ? nil : value)
            // A holder explains any refusal: once it releases the key, try at once.
            acquireAfter = .zero
        }
    }

    /// A call failed at `now` (registry unreachable or an unexpected answer): wait before the next one.
    mutating func callFailed(at now: Duration) {
        retryAfter = now + retryInterval
    }
}
