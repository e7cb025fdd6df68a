import Foundation

/// One Workspace session as kept in Redis (JSON under
/// `gws:<tenant>:session:<id>`), so any Workspace instance can serve it.
struct WorkspaceSession: Codable, Sendable, Equatable {
    /// The session id: the `WORKSPACE_SESSIONID` cookie's value.
    var id: String
    /// The tenant (contact center) the session belongs to.
    var tenant: String
    /// The signed-in user.
    var userName: String
    /// When the session was created.
    var createdAt: Date

    /// A fresh, unguessable session id: 32 random bytes from the system CSPRNG, hex.
    static func makeID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether `text` has the shape of an id from ``makeID()`` (so junk never reaches Redis keys).
    static func isWellFormedID(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }
}
