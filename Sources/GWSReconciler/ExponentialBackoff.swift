/// Exponential backoff with jitter: `base · 2^(n-1)` capped at `max`, then
/// scaled into `[d/2, d]` by a jitter value in `0...1` ("equal jitter"), so
/// instances that fail together do not retry together.
public struct ExponentialBackoff: Sendable, Equatable {
    public var base: Duration
    public var max: Duration

    public init(base: Duration, max: Duration) {
        self.base = base
        self.max = max
    }

    /// The delay before attempt number `failures` (1 for the first failure).
    public func delay(failures: Int, jitter: Double) -> Duration {
        guard failures > 0 else { return .zero }
        var d = base
        var i = 1
        while i < failures && d < max {
            d = d * 2
            i += 1
        }
        if d > max { d = max }
        let j = Swift.min(Swift.max(jitter, 0), 1)
        return d / 2 + d * (j / 2)
    }
}

/// Per-key failure counting on top of ``ExponentialBackoff``, like
/// client-go's per-item rate limiter.
public struct KeyedBackoff<Key: Hashable & Sendable>: Sendable {
    public let backoff: ExponentialBackoff
    private var failures: [Key: Int] = [:]

    public init(backoff: ExponentialBackoff) { self.backoff = backoff }

    /// Records one more failure of `key` and returns how long to wait.
    public mutating func nextDelay(for key: Key, jitter: Double) -> Duration {
        let n = (failures[key] ?? 0) + 1
        failures[key] = n
        return backoff.delay(failures: n, jitter: jitter)
    }

    /// Forgets `key`'s failures after a success.
    public mutating func forget(_ key: Key) { failures[key] = nil }

    public func failureCount(_ key: Key) -> Int { failures[key] ?? 0 }
}
