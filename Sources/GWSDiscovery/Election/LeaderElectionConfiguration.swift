import Foundation

/// How a ``LeaderElection`` campaigns: which key, which session TTL and lock-delay, how often it retries.
///
/// Timing, with the defaults (TTL 10 s, lock-delay 2 s, lock retry 0.5 s):
/// - a leader that shuts down gracefully releases the key, and a standby takes it as soon as its
///   blocking query returns (no lock-delay follows an explicit release);
/// - a leader that crashes stops renewing; the registry invalidates its session one TTL after the last
///   renewal, then the key's lock-delay runs, then a standby's next retry takes it: at most
///   TTL + lock-delay + lock retry (12.5 s) after the crash, within HA-DR's 15 s target;
/// - a leader that cannot renew steps down by itself when its lease (the time it sent its last successful
///   renewal plus the TTL) runs out, which is never after the registry invalidates its session, so two
///   candidates never both believe they lead; the lock-delay covers what the old leader was doing then.
///
/// Consul's own default lock-delay (15 s) would make crash takeover 25 s or more.
public struct LeaderElectionConfiguration: Sendable, Equatable {
    /// The election's name; the lock is the key `<keyPrefix>/leader/<name>`.
    public var name: String
    /// This candidate's identity, written as the key's value while it leads (followers report it).
    public var candidate: String
    /// The KV prefix of the lock key.
    public var keyPrefix: String
    /// The session TTL (Consul allows 10 s to 24 h); the session is renewed every TTL/2.
    public var ttl: Duration
    /// The session's lock-delay: how long the key stays unacquirable after the session is invalidated
    /// without releasing it (crash, expiry).
    public var lockDelay: Duration
    /// How soon to try again when an acquisition was refused while the key was free (its lock-delay).
    public var lockRetryInterval: Duration
    /// How soon to try again after a failed call (registry unreachable).
    public var retryInterval: Duration

    /// Creates a configuration; `candidate` defaults to `<host>:<pid>`.
    public init(
        name: String, candidate: String? = nil, keyPrefix: String = "gws", ttl: Duration = .seconds(10),
        lockDelay: Duration = .seconds(2), lockRetryInterval: Duration = .milliseconds(500),
        retryInterval: Duration = .seconds(1)
    ) {
        self.name = name
        self.candidate =
            candidate ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.keyPrefix = keyPrefix
        self.ttl = ttl
        self.lockDelay = lockDelay
        self.lockRetryInterval = lockRetryInterval
        self.retryInterval = retryInterval
    }

    /// The lock key, `<keyPrefix>/leader/<name>`.
    public var key: String {
        keyPrefix.isEmpty ? "leader/\(name)" : "\(keyPrefix)/leader/\(name)"
    }

    /// The session this candidate creates.
    var sessionRequest: ConsulSessionRequest {
        ConsulSessionRequest(name: "leader \(name): \(candidate)", ttl: ttl, lockDelay: lockDelay, behavior: .release)
    }
}
