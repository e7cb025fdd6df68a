import GWSServiceKit
import Hummingbird

/// The verified claims of the request being handled, set by
/// ``AuthBearerMiddleware`` for the handlers behind it.
public enum AuthenticatedRequest {
    /// The claims of the current request's bearer token (nil outside the middleware).
    @TaskLocal public static var claims: AccessTokenClaims?

    /// The current claims, or a 401 when the route is not behind the middleware.
    public static func requireClaims() throws -> AccessTokenClaims {
        guard let claims else { throw AuthenticatedRequest.unauthorized("authentication is required") }
        return claims
    }

    /// The current claims when they carry `authority`; 401 without claims, 403 without the authority.
    public static func requireAuthority(_ authority: String, for action: String) throws -> AccessTokenClaims {
        let claims = try requireClaims()
        guard claims.has(authority) else {
            throw GWSError(.forbidden, "\(action) needs the \(authority) authority, which this token does not carry")
        }
        return claims
    }

    /// The raw bearer token of the current request, to pass on to the services it calls.
    @TaskLocal public static var bearerToken: String?

    /// A 401 envelope error with `WWW-Authenticate: Bearer` (never carrying the token).
    public static func unauthorized(_ message: String) -> GWSError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = #"Bearer realm="gws", error="invalid_token""#
        return GWSError(.unauthorized, message, headers: headers)
    }
}

/// Requires `Authorization: Bearer <access token>` on every request it guards:
/// the token is verified (signature, algorithm, expiry) and its claims are
/// available to handlers as ``AuthenticatedRequest/claims``.
///
/// A missing or invalid token answers 401 in the GWS envelope with
/// `WWW-Authenticate: Bearer`; the message says why, never echoing the token.
public struct AuthBearerMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Nil when the service has no token key: every request is then refused with 503.
    public let verifier: TokenVerifier?

    public init(verifier: TokenVerifier?) {
        self.verifier = verifier
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let verifier else {
            throw GWSError(.serviceUnavailable, "this service has no access-token key configured, so it cannot check bearer tokens")
        }
        let (claims, token) = try Self.verifiedToken(of: request, verifier: verifier)
        return try await AuthenticatedRequest.$claims.withValue(claims) {
            try await AuthenticatedRequest.$bearerToken.withValue(token) {
                try await next(request, context)
            }
        }
    }

    /// The verified claims of `request`'s bearer token; a 401 ``GWSError`` otherwise.
    public static func claims(of request: Request, verifier: TokenVerifier) throws -> AccessTokenClaims {
        try verifiedToken(of: request, verifier: verifier).claims
    }

    /// The verified claims and the raw token of `request`'s bearer token; a 401 ``GWSError`` otherwise.
    static func verifiedToken(of request: Request, verifier: TokenVerifier) throws -> (claims: AccessTokenClaims, token: String) {
        guard let header = request.headers[.authorization] else {
            throw AuthenticatedRequest.unauthorized("missing Authorization header with a bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AuthenticatedRequest.unauthorized("the Authorization header must carry a bearer token")
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        do {
            return (try verifier.verify(token), token)
        } catch {
            throw AuthenticatedRequest.unauthorized(error.description)
        }
    }
}
