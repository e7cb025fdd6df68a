import Foundation

/// The claims of an access token (the JWT payload).
///
/// `sub` is the user's dbid (password grant) or the API client's id
/// (client credentials); `tenant` is the contact center id.
public struct AccessTokenClaims: Codable, Sendable, Hashable {
    /// The subject: the person's dbid, or the client id for a client token.
    public var sub: String
    /// The login name (the client id for a client token).
    public var userName: String
    /// The tenant (contact center id).
    public var tenant: String
    /// Granted roles, e.g. `ROLE_AGENT`, `ROLE_ADMIN`, `ROLE_CLIENT`.
    public var authorities: [String]
    /// The API client the token was issued to.
    public var clientId: String
    /// Issued at, in seconds since 1970.
    public var iat: Int
    /// Expires at, in seconds since 1970.
    public var exp: Int
    /// A unique token id.
    public var jti: String

    public init(
        sub: String, userName: String, tenant: String, authorities: [String], clientId: String,
        iat: Int, exp: Int, jti: String = UUID().uuidString.lowercased()
    ) {
        self.sub = sub
        self.userName = userName
        self.tenant = tenant
        self.authorities = authorities
        self.clientId = clientId
        self.iat = iat
        self.exp = exp
        self.jti = jti
    }

    /// Whether the token carries `authority`.
    public func has(_ authority: String) -> Bool { authorities.contains(authority) }
}
