import GWSAuth
import Foundation
import GWSConfigData

/// The answer of `POST /oauth/token` (RFC 6749 §5.1).
struct AuthTokenAnswer: Encodable, Sendable {
    var access_token: String
    var token_type = "bearer"
    var expires_in: Int
    var refresh_token: String?
    var scope: String
}

/// Runs the grants of the token endpoint: `password`, `client_credentials`
/// and `refresh_token`, for an already authenticated client.
struct AuthTokenIssuer: Sendable {
    let signer: TokenSigner
    let persons: AuthPersonDirectory
    let refreshTokens: AuthRefreshTokens?
    /// Access token lifetime in seconds.
    var accessLifetime = 3600

    /// The answer for `fields` (the form) sent by `client`.
    func grant(_ fields: [String: String], client: AuthClient) async throws -> AuthTokenAnswer {
        switch fields["grant_type"] {
        case "password": try await passwordGrant(fields, client: client)
        case "client_credentials": try await clientGrant(fields, client: client)
        case "refresh_token": try await refreshGrant(fields, client: client)
        case nil: throw AuthOAuthError.invalidRequest("grant_type is required")
        case let other?: throw AuthOAuthError.unsupportedGrantType("grant_type \(other) is not supported")
        }
    }

    /// `username` = `tenant\user` (or just `user`, in the client's tenant) and `password`.
    private func passwordGrant(_ fields: [String: String], client: AuthClient) async throws -> AuthTokenAnswer {
        guard let username = fields["username"], !username.isEmpty, let password = fields["password"] else {
            throw AuthOAuthError.invalidRequest("username and password are required")
        }
        let (tenant, userName) = Self.split(username, defaultTenant: client.tenant)
        guard tenant == client.tenant else { throw AuthOAuthError.invalidGrant("the user is not of the client's tenant") }
        let scope = try Self.scope(fields, client: client)
        guard let person = try await persons.verify(tenant: tenant, userName: userName, password: password) else {
            throw AuthOAuthError.invalidGrant("invalid user name or password")
        }
        let grant = AuthGrant(
            sub: String(person.dbid), userName: person.userName, tenant: tenant,
            authorities: AuthPersonDirectory.authorities(of: person), clientId: client.clientId, scope: scope)
        return try await issue(grant, withRefresh: true)
    }

    private func clientGrant(_ fields: [String: String], client: AuthClient) async throws -> AuthTokenAnswer {
        guard !client.isPublic else {
            throw AuthOAuthError.invalidClient("a public client cannot use the client_credentials grant")
        }
        let scope = try Self.scope(fields, client: client)
        let grant = AuthGrant(
            sub: client.clientId, userName: client.clientId, tenant: client.tenant,
            authorities: ["ROLE_CLIENT"], clientId: client.clientId, scope: scope)
        // RFC 6749 §4.4.3: no refresh token for client credentials.
        return try await issue(grant, withRefresh: false)
    }

    private func refreshGrant(_ fields: [String: String], client: AuthClient) async throws -> AuthTokenAnswer {
        guard let token = fields["refresh_token"], !token.isEmpty else {
            throw AuthOAuthError.invalidRequest("refresh_token is required")
        }
        guard let refreshTokens else { throw AuthOAuthError.temporarilyUnavailable("refresh tokens need Redis") }
        guard let grant = try await refreshTokens.redeem(token), grant.clientId == client.clientId else {
            throw AuthOAuthError.invalidGrant("the refresh token is invalid, expired or already used")
        }
        return try await issue(grant, withRefresh: true)
    }

    private func issue(_ grant: AuthGrant, withRefresh: Bool) async throws -> AuthTokenAnswer {
        let now = Int(Date().timeIntervalSince1970)
        let claims = AccessTokenClaims(
            sub: grant.sub, userName: grant.userName, tenant: grant.tenant, authorities: grant.authorities,
            clientId: grant.clientId, iat: now, exp: now + accessLifetime)
        let refresh = withRefresh ? try await refreshTokens?.issue(grant) : nil
        return AuthTokenAnswer(
            access_token: try signer.sign(claims), expires_in: accessLifetime, refresh_token: refresh, scope: grant.scope)
    }

    /// `tenant\user` split at the first backslash.
    static func split(_ username: String, defaultTenant: String) -> (tenant: String, user: String) {
        guard let slash = username.firstIndex(of: "\\") else { return (defaultTenant, username) }
        return (String(username[..<slash]), String(username[username.index(after: slash)...]))
    }

    /// The requested scope (or all of the client's), checked against the client's.
    static func scope(_ fields: [String: String], client: AuthClient) throws -> String {
        let requested = (fields["scope"] ?? "").split(separator: " ").map(String.init)
        if requested.isEmpty { return client.scopes.joined(separator: " ") }
        guard client.allows(requested) else { throw AuthOAuthError.invalidScope("the scope is not allowed for the client") }
        return requested.joined(separator: " ")
    }
}
