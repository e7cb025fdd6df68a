/// One versioned schema change of a service, applied once, in `id` order.
public struct Migration: Sendable, Hashable {
    /// The version; unique and positive within one service's list.
    public let id: Int
    /// A short human-readable name ("create settings table").
    public let name: String
    /// The SQL, one or more statements; runs inside a transaction.
    public let sql: String

    /// Creates a migration.
    public init(id: Int, name: String, sql: String) {
        self.id = id
        self.name = name
        self.sql = sql
    }

    /// A fingerprint of `sql` (FNV-1a, 64 bit, hex) recorded when applied, so a
    /// later edit of an applied migration is detected. Not a security measure.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
