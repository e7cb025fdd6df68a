/// Exponential backoff with full jitter for retrying an unreachable dependency.
/// A plain value: `next()` returns the next delay; `reset()` after a success.
public struct RetryBackoff: Sendable {
    /// First delay.
    public let initial: Duration
    /// Largest delay.
    public let maximum: Duration
    private var attempt = 0

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before the next attempt: a random value in (ceiling/2, ceiling],
    /// where the ceiling doubles from `initial` up to `maximum`.
    public mutating func next<G: RandomNumberGenerator>(using generator: inout G) -> Duration {
        let ceiling = min(initial * (1 << min(attempt, 30)), maximum)
        attempt += 1
        let fraction = Double.random(in: 0.5...1, using: &generator)
        return ceiling * fraction
    }

    /// The delay before the next attempt, with the system random generator.
    public mutating func next() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return next(using: &generator)
    }

    /// Starts again from `initial`.
    public mutating func reset() {
        attempt = 0
    }
}

extension Duration {
    /// The duration in whole milliseconds (for logs and Consul strings).
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
