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
    public let verifier: TokenVerifier

    public init(verifier: TokenVerifier) {
        self.verifier = verifier
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let claims = try Self.claims(of: request, verifier: verifier)
        return try await AuthenticatedRequest.$claims.withValue(claims) {
            try await next(request, context)
        }
    }

    /// The verified claims of `request`'s bearer token; a 401 ``GWSError`` otherwise.
    public static func claims(of request: Request, verifier: TokenVerifier) throws -> AccessTokenClaims {
        guard let header = request.headers[.authorization] else {
            throw AuthenticatedRequest.unauthorized("missing Authorization header with a bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AuthenticatedRequest.unauthorized("the Authorization header must carry a bearer token")
        }
        do {
            return try verifier.verify(String(parts[1]).trimmingCharacters(in: .whitespaces))
        } catch {
            throw AuthenticatedRequest.unauthorized(error.description)
        }
    }
}
