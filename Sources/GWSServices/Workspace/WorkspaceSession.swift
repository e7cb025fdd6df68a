import Foundation

/// A Workspace session: who initialized the workspace, with the user facts
/// Configuration gave at that time. Kept in Redis so any instance serves it.
struct WorkspaceSession: Codable, Sendable, Equatable {
    var id: String
    var tenant: String
    var userName: String
    /// The person's dbid in Configuration.
    var dbid: Int
    var employeeId: String
    var firstName: String
    var lastName: String
    var agentLogin: String?
    var defaultPlace: String?
    var createdAt: Date

    /// A new random session id: 256 bits as 64 lowercase hex digits.
    static func makeID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether `text` has the shape of a session id (so junk never reaches Redis).
    static func isWellFormedID(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }
}
