import Foundation

/// One drill's time base: seconds since its start on a monotonic clock, and
/// the wall-clock time of that start for the report's timestamps.
public struct DrillClock: Sendable {
    public let origin: ContinuousClock.Instant
    public let wallOrigin: Date

    public init(origin: ContinuousClock.Instant = .now, wallOrigin: Date = Date()) {
        self.origin = origin
        self.wallOrigin = wallOrigin
    }

    /// Seconds since the drill started.
    public func now() -> Double { seconds(ContinuousClock.now) }

    public func seconds(_ instant: ContinuousClock.Instant) -> Double {
        let d = instant - origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The ISO-8601 timestamp (UTC, milliseconds) of `offset` seconds after the start.
    public func timestamp(_ offset: Double) -> String {
        Self.format(wallOrigin.addingTimeInterval(offset))
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
