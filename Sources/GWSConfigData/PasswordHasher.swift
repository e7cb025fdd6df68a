import Crypto
import Foundation
import _CryptoExtras

/// Hashes and verifies passwords with PBKDF2-HMAC-SHA256 and a random 16-byte
/// salt, stored as the self-describing string
/// `pbkdf2-sha256$<rounds>$<salt base64>$<hash base64>`.
///
/// Verification reads the rounds from the stored string, so changing
/// `rounds` affects only new hashes. Comparison is constant-time. Neither the
/// password nor the hash is ever logged.
public struct PasswordHasher: Sendable {
    /// The scheme tag at the start of every stored hash.
    public static let scheme = "pbkdf2-sha256"
    /// The production default (OWASP's recommendation for PBKDF2-HMAC-SHA256).
    public static let defaultRounds = 210_000
    /// Bytes of random salt per hash.
    public static let saltByteCount = 16
    /// Bytes of derived key stored.
    public static let hashByteCount = 32

    /// The PBKDF2 iteration count of new hashes (≥ 100 000 in production; tests use fewer).
    public let rounds: Int

    /// Creates a hasher; `rounds` must be positive.
    public init(rounds: Int = PasswordHasher.defaultRounds) {
        precondition(rounds > 0, "PBKDF2 rounds must be positive")
        self.rounds = rounds
    }

    /// A new salted hash of `password`, in the stored format.
    public func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let derived = try Self.derive(password, salt: salt, rounds: rounds)
        return "\(Self.scheme)$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` matches `stored` (false for a malformed `stored`).
    public func verify(_ password: String, against stored: String) -> Bool {
        guard let parsed = Self.parse(stored),
              let derived = try? Self.derive(password, salt: parsed.salt, rounds: parsed.rounds)
        else { return false }
        return Self.constantTimeEquals(derived, parsed.hash)
    }

    /// Spends the same work as a real verification, so answering for an unknown
    /// user takes as long as for a known one.
    public func simulateVerification(_ password: String) {
        _ = try? Self.derive(password, salt: [UInt8](repeating: 0, count: Self.saltByteCount), rounds: rounds)
    }

    /// The parts of a stored hash, or nil when it is not in the expected format.
    static func parse(_ stored: String) -> (rounds: Int, salt: [UInt8], hash: [UInt8])? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme,
              let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])), !salt.isEmpty,
              let hash = Data(base64Encoded: String(parts[3])), hash.count == Self.hashByteCount
        else { return nil }
        return (rounds, Array(salt), Array(hash))
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256,
            outputByteCount: hashByteCount, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Compares in time that depends only on the lengths.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
