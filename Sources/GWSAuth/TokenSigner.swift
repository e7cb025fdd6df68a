import Foundation

/// Issues HS256 JWTs: `base64url(header).base64url(claims).base64url(HMAC-SHA256)`.
public struct TokenSigner: Sendable {
    /// The fixed JOSE header.
    static let header = #"{"alg":"HS256","typ":"JWT"}"#
    let key: TokenKey

    public init(key: TokenKey) {
        self.key = key
    }

    /// The signed token carrying `claims`.
    public func sign(_ claims: AccessTokenClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = try encoder.encode(claims)
        let signingInput = Base64URL.encode(Array(Self.header.utf8)) + "." + Base64URL.encode(payload)
        return signingInput + "." + Base64URL.encode(key.signature(of: signingInput))
    }
}
