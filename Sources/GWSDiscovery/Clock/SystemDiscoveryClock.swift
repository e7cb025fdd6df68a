/// The real monotonic clock (`ContinuousClock`), as a ``DiscoveryClock``.
public struct SystemDiscoveryClock: DiscoveryClock {
    private static let origin = ContinuousClock.now

    /// Creates the clock; every instance shares one origin, so their times compare.
    public init() {}

    public func now() -> Duration { ContinuousClock.now - Self.origin }

    public func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: Self.origin + deadline, tolerance: .milliseconds(1))
    }
}
