import Foundation

/// Converts between Swift `Duration`s and Consul's duration strings (Go's `time.Duration` syntax).
///
/// Consul accepts strings such as `"1s"`, `"500ms"`, `"1m30s"` or `"1.5h"` for check intervals, timeouts,
/// TTLs and blocking-query waits.
public enum ConsulDuration {
    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1),
        ("us", 1_000),
        ("µs", 1_000),
        ("μs", 1_000),
        ("ms", 1_000_000),
        ("s", 1_000_000_000),
        ("m", 60_000_000_000),
        ("h", 3_600_000_000_000),
    ]

    /// Formats a duration the way Go prints it compactly: `"0s"`, `"500ms"`, `"1s"`, `"1m30s"`, `"2h"`, `"1s250ms"`.
    public static func format(_ duration: Duration) -> String {
        var nanos = nanoseconds(of: duration)
        guard nanos != 0 else { return "0s" }
        var result = ""
        if nanos < 0 {
            result = "-"
            nanos = nanos == .min ? .max : -nanos
        }
        let parts: [(String, Int64)] = [
            ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000),
            ("ms", 1_000_000), ("us", 1_000), ("ns", 1),
        ]
        for (suffix, size) in parts where nanos >= size {
            result += "\(nanos / size)\(suffix)"
            nanos %= size
        }
        return result
    }

    /// Parses a Go duration string (`"300ms"`, `"-1.5h"`, `"2h45m"`, `"0"`); `nil` when it is not one.
    public static func parse(_ string: String) -> Duration? {
        var rest = Substring(string.trimmingCharacters(in: .whitespaces))
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var total: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.suffix == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * Double(unit.nanoseconds)
        }
        guard total < Double(Int64.max) else { return nil }
        let nanos = Int64(total.rounded())
        return .nanoseconds(negative ? -nanos : nanos)
    }

    /// The whole number of nanoseconds in `duration`, saturating at `Int64`'s range.
    static func nanoseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (wholeNanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, overflow2) = wholeNanos.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? Int64.min : Int64.max }
        return sum
    }
}
