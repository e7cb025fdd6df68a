import GWSServiceKit
import GWSSpec
import Hummingbird

extension ServiceScaffold {
    /// The verifier for bearer tokens, keyed by ``ServiceConfiguration/tokenKeyFile``;
    /// nil (logged) when no key file is configured or it cannot be read. Every
    /// guarded request is then refused: a service never accepts unverified tokens.
    public func loadTokenVerifier() -> TokenVerifier? {
        guard let key = loadTokenKey() else { return nil }
        return TokenVerifier(key: key)
    }

    /// The access-token key of ``ServiceConfiguration/tokenKeyFile``; nil (logged) when unset or unreadable.
    public func loadTokenKey() -> TokenKey? {
        let name = ServiceEnvironmentKeys.jwtSecretFile
        guard let path = configuration.tokenKeyFile else {
            logger.error("no \(name): bearer tokens cannot be verified, every API request will be refused")
            return nil
        }
        do {
            return try TokenKey(contentsOfFile: path)
        } catch {
            logger.error("cannot load \(name): \(error); every API request will be refused")
            return nil
        }
    }

    /// The standard router (``makeRouter(openAPI:)``: health, metrics, version
    /// and the OpenAPI document stay public) followed by ``AuthBearerMiddleware``:
    /// every route registered on the returned router afterwards requires a
    /// valid bearer token.
    ///
    /// - Parameters:
    ///   - verifier: the verifier to use; ``loadTokenVerifier()`` when nil.
    ///   - openAPI: the role's API description, served at `GET <basePath>/openapi.json`.
    public func makeAuthenticatedRouter(
        verifier: TokenVerifier? = nil, openAPI: OpenAPIDocument? = nil
    ) -> Router<GWSRequestContext> {
        let router = makeRouter(openAPI: openAPI)
        router.add(middleware: AuthBearerMiddleware<GWSRequestContext>(verifier: verifier ?? loadTokenVerifier()))
        return router
    }
}
