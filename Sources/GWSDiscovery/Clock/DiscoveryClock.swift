/// Monotonic time as a `Duration` since an arbitrary origin, and sleeping until a deadline.
///
/// The registry (check and session deadlines) and ``LeaderElection`` (renewals, lease deadlines) take
/// one, so their timing is tested with ``ManualDiscoveryClock`` instead of sleeping. It has the shape of
/// `GWSReconciler`'s `GWSClock`, so a module that uses both can conform one clock to both protocols.
public protocol DiscoveryClock: Sendable {
    /// The current time.
    func now() -> Duration
    /// Returns once ``now()`` has reached `deadline`; throws `CancellationError` when cancelled first.
    func sleep(until deadline: Duration) async throws
}

extension DiscoveryClock {
    /// Sleeps for `duration` from now.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now() + duration)
    }
}
