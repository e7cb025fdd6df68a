import GWSServiceKit
import Hummingbird

/// Refuses, with 403 in the GWS envelope, requests whose verified token carries
/// none of `authorities`. Behind ``AuthBearerMiddleware`` (401 without claims).
///
/// `methods` limits the check to some methods (for example the writes of an
/// API whose reads are open to every user of the tenant); nil checks all.
public struct RequireAuthorityMiddleware<Context: RequestContext>: RouterMiddleware {
    public let authorities: [String]
    public let methods: Set<HTTPRequest.Method>?
    /// What the guarded routes do, for the message (`"provisioning"`).
    public let action: String

    public init(anyOf authorities: [String], methods: Set<HTTPRequest.Method>? = nil, action: String) {
        self.authorities = authorities
        self.methods = methods
        self.action = action
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if methods == nil || methods!.contains(request.method) {
            let claims = try AuthenticatedRequest.requireClaims()
            guard authorities.contains(where: claims.has) else {
                let needed = authorities.joined(separator: " or ")
                throw GWSError(.forbidden, "\(action) needs the \(needed) authority, which this token does not carry")
            }
        }
        return try await next(request, context)
    }
}
