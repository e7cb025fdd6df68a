/// Durations in drill files: a number of seconds (`8`, `0.5`) or a string
/// with a unit (`500ms`, `8s`, `1.5s`, `2m`).
enum DrillDuration {
    /// Seconds, or nil when `text` is not a duration.
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)] where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite else { return nil }
            return value * factor
        }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// `500ms`, `8s`, `1.5s`.
    static func format(_ seconds: Double) -> String {
        if seconds < 1, seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}
