/// Why an access token was rejected. Descriptions never contain the token.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not three base64url parts of JSON, or required claims are missing.
    case malformed
    /// The header names an algorithm other than HS256 (including `none`).
    case unsupportedAlgorithm
    /// The signature does not match.
    case badSignature
    /// `exp` has passed (beyond the leeway).
    case expired
    /// The token belongs to another tenant.
    case wrongTenant

    public var description: String {
        switch self {
        case .malformed: "the access token is malformed"
        case .unsupportedAlgorithm: "the access token's algorithm is not supported"
        case .badSignature: "the access token's signature is invalid"
        case .expired: "the access token has expired"
        case .wrongTenant: "the access token belongs to another tenant"
        }
    }
}
