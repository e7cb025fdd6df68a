import Crypto
import Foundation

/// The HS256 key that signs and verifies access tokens (the operator writes
/// 32 random bytes to the file named by `GWS_AUTH_JWT_SECRET_FILE`).
public struct TokenKey: Sendable {
    /// The fewest key bytes accepted.
    public static let minimumByteCount = 32
    let key: SymmetricKey

    /// A key from raw bytes (at least ``minimumByteCount``).
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= Self.minimumByteCount else { throw TokenKeyError.tooShort(bytes.count) }
        key = SymmetricKey(data: bytes)
    }

    /// The key in the file at `path`.
    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw TokenKeyError.unreadable(path) }
        try self.init(bytes: Array(data))
    }

    /// A fresh random key (tests).
    public static func random() -> TokenKey {
        // 32 bytes satisfy the minimum, so this cannot throw.
        try! TokenKey(bytes: SecureRandom.bytes(minimumByteCount))
    }

    /// HMAC-SHA256 of `text`.
    func signature(of text: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
    }

    /// Whether `signature` is the HMAC-SHA256 of `text` (compared in constant time).
    func isValidSignature(_ signature: [UInt8], of text: String) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Array(text.utf8), using: key)
    }
}

/// Why a token key cannot be loaded (never contains the key).
public enum TokenKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case tooShort(Int)

    public var description: String {
        switch self {
        case .unreadable(let path): "the token key file \(path) cannot be read"
        case .tooShort(let count): "the token key has \(count) bytes; at least \(TokenKey.minimumByteCount) are needed"
        }
    }
}

/// Values from the system's secure random generator.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// An opaque random value (32 bytes, base64url): refresh tokens, client secrets.
    public static func opaqueToken() -> String {
        Base64URL.encode(bytes(32))
    }
}

extension SecureRandom {
    /// The lowercase hex SHA-256 of `text` (keys for stored opaque tokens, so
    /// a store dump does not reveal usable tokens).
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
