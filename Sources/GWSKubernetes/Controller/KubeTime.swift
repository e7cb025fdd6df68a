import Foundation

/// Kubernetes' time formats: `Time` (RFC 3339, seconds) and `MicroTime`
/// (six fractional digits), always in UTC.
public enum KubeTime {
    public static func rfc3339(_ date: Date = Date()) -> String {
        format(date, micro: false)
    }

    public static func micro(_ date: Date = Date()) -> String {
        format(date, micro: true)
    }

    static func format(_ date: Date, micro: Bool) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ n: Int32, _ width: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text =
            "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
            + "T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))"
        if micro {
            let fraction = Int32(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded(.down))
            text += "." + pad(min(fraction, 999_999), 6)
        }
        return text + "Z"
    }
}
