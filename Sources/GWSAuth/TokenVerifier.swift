import Foundation

/// Checks HS256 JWTs issued by ``TokenSigner``: the shape, `alg` (only
/// HS256; `none` and the rest are refused), the signature (constant-time),
/// the expiry (with ``leeway``), the required claims and, when asked, the tenant.
///
/// Tokens that passed are remembered (``cacheCapacity`` of them), so the same
/// token again costs a dictionary lookup plus the expiry and tenant checks.
public struct TokenVerifier: Sendable {
    let key: TokenKey
    /// Clock skew tolerated on `exp`, in seconds.
    public var leeway: Int
    let cache: VerifiedTokenCache

    /// How many verified tokens are remembered (0: none).
    public var cacheCapacity: Int { cache.capacity }

    public init(key: TokenKey, leeway: Int = 30, cacheCapacity: Int = 4096) {
        self.key = key
        self.leeway = leeway
        self.cache = VerifiedTokenCache(capacity: cacheCapacity)
    }

    /// The claims of `token`, if it is valid now (and for `tenant`, when given).
    public func verify(_ token: String, now: Date = Date(), tenant: String? = nil) throws(TokenError) -> AccessTokenClaims {
        let claims: AccessTokenClaims
        if let remembered = cache.claims(of: token) {
            claims = remembered
        } else {
            claims = try verifySignatureAndShape(token)
        }
        guard Int(now.timeIntervalSince1970) <= claims.exp + leeway else { throw .expired }
        if let tenant, tenant != claims.tenant { throw .wrongTenant }
        return claims
    }

    /// The claims of a well-formed token signed with our key (remembered); expiry not checked.
    private func verifySignatureAndShape(_ token: String) throws(TokenError) -> AccessTokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = Base64URL.decode(parts[0]),
              let header = try? JSONDecoder().decode(JOSEHeader.self, from: headerBytes)
        else { throw .malformed }
        guard header.alg == "HS256" else { throw .unsupportedAlgorithm }
        guard let signature = Base64URL.decode(parts[2]) else { throw .malformed }
        guard key.isValidSignature(Array(signature), of: "\(parts[0]).\(parts[1])") else { throw .badSignature }
        guard let payload = Base64URL.decode(parts[1]),
              let claims = try? JSONDecoder().decode(AccessTokenClaims.self, from: payload),
              !claims.sub.isEmpty, !claims.tenant.isEmpty
        else { throw .malformed }
        cache.remember(claims, for: token)
        return claims
    }
}

/// The part of a JOSE header that is checked.
struct JOSEHeader: Decodable {
    var alg: String
}
