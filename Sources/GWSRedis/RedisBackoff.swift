/// Exponential backoff with full jitter for reconnecting.
///
/// A plain value: ``delay(attempt:random:)`` is a pure function of the attempt
/// number and a random fraction, so it is tested without clocks.
public struct RedisBackoff: Sendable, Hashable {
    /// Delay before the first retry (before jitter).
    public var initial: Duration
    /// Upper bound for any delay.
    public var maximum: Duration
    /// Connect attempts per request before giving up (at least 1). The
    /// subscriber retries forever.
    public var attempts: Int

    public init(initial: Duration = .milliseconds(50), maximum: Duration = .seconds(2), attempts: Int = 4) {
        self.initial = initial
        self.maximum = maximum
        self.attempts = max(1, attempts)
    }

    /// The delay after failed attempt number `attempt` (0-based): a value in
    /// `[d/2, d]` where `d = min(maximum, initial * 2^attempt)`; `random` is in `[0, 1]`.
    public func delay(attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt, 0), 30)
        let base = min(maximum, initial * (1 << exponent))
        let fraction = 0.5 + 0.5 * min(max(random, 0), 1)
        return base * fraction
    }

    /// ``delay(attempt:random:)`` with a random jitter.
    public func delay(attempt: Int) -> Duration {
        delay(attempt: attempt, random: Double.random(in: 0...1))
    }
}
