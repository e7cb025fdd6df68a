/// A Redis stream entry id, `<milliseconds>-<sequence>`, ordered as Redis
/// orders them (`0-0` comes before every entry).
public struct RedisStreamID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The milliseconds part: the server's time when the entry was added.
    public var milliseconds: UInt64
    /// The sequence part: entries of one millisecond count up from 0.
    public var sequence: UInt64

    /// `0-0`: before every entry (`XREAD` from it reads the whole stream).
    public static let zero = RedisStreamID(milliseconds: 0, sequence: 0)

    public init(milliseconds: UInt64, sequence: UInt64) {
        self.milliseconds = milliseconds
        self.sequence = sequence
    }

    /// Parses `ms-seq` (or a bare `ms`, as Redis accepts it, meaning `ms-0`); nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let milliseconds = UInt64(parts[0]) else { return nil }
        let sequence = parts.count == 2 ? UInt64(parts[1]) : 0
        guard let sequence else { return nil }
        self.init(milliseconds: milliseconds, sequence: sequence)
    }

    /// `ms-seq`.
    public var description: String { "\(milliseconds)-\(sequence)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
    }
}
