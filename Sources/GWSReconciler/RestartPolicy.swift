/// When to restart a crashed instance: the first crash at once, then
/// exponential backoff with jitter; an instance that ran stably for
/// `stableAfter` before crashing starts counting again from zero.
public struct RestartPolicy: Sendable, Equatable {
    public var backoff: ExponentialBackoff
    public var stableAfter: Duration

    public init(backoff: ExponentialBackoff, stableAfter: Duration) {
        self.backoff = backoff
        self.stableAfter = stableAfter
    }

    /// The consecutive crash count after a crash of a process that ran for `ranFor`.
    public func crashCount(previous: Int, ranFor: Duration) -> Int {
        ranFor >= stableAfter ? 1 : previous + 1
    }

    /// The delay before restarting after the `consecutiveCrashes`-th crash in a row.
    public func restartDelay(consecutiveCrashes: Int, jitter: Double) -> Duration {
        consecutiveCrashes <= 1 ? .zero : backoff.delay(failures: consecutiveCrashes - 1, jitter: jitter)
    }
}
