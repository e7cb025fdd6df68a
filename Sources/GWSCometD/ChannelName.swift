/// Bayeux channel names and subscription patterns: `/a/b` matches itself,
/// `/a/*` one more segment (`/a/b`, not `/a/b/c`), `/a/**` any number of
/// further segments (`/a/b`, `/a/b/c`), never `/a` itself.
enum ChannelName {
    /// Whether `pattern` is a valid subscription: absolute, no empty segment,
    /// a wildcard (`*` or `**`) only as the whole last segment.
    static func isValidPattern(_ pattern: String) -> Bool {
        guard pattern.hasPrefix("/"), pattern.count > 1 else { return false }
        let segments = pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty { return false }
            let isLast = index == segments.count - 1
            if segment.contains("*") && !(isLast && (segment == "*" || segment == "**")) { return false }
        }
        return true
    }

    /// Whether the subscription `pattern` covers the concrete `channel`.
    static func matches(pattern: String, channel: String) -> Bool {
        if pattern == channel { return true }
        let patternBytes = pattern.utf8
        let channelBytes = channel.utf8
        if pattern.hasSuffix("/**") {
            let prefix = patternBytes.dropLast(2)  // keeps the trailing "/"
            return channelBytes.count > prefix.count && channelBytes.starts(with: prefix)
        }
        if pattern.hasSuffix("/*") {
            let prefix = patternBytes.dropLast(1)
            guard channelBytes.count > prefix.count, channelBytes.starts(with: prefix) else { return false }
            return !channelBytes.dropFirst(prefix.count).contains(UInt8(ascii: "/"))
        }
        return false
    }
}
