import GWSAuth
import GWSConfigData
import GWSServiceKit
import Hummingbird

/// The `/auth/v3` API:
/// - `POST /oauth/token` (form; client in `Authorization: Basic`, or a
///   public client's `client_id` without secret): grants
///   `password`, `client_credentials`, `refresh_token` → OAuth2 JSON;
/// - `GET /userinfo` (Bearer) → the token's user;
/// - `GET /ping` → 200;
/// - `POST /clients` (Bearer, `ROLE_ADMIN`; `{data:{name, clientId?, scopes?}}`)
///   → the new client with its secret, shown only this once (internal).
struct AuthRoutes: Sendable {
    static let basePath = "/auth/v3"
    /// Registered API clients, or nil without PostgreSQL (token and client calls answer 503).
    let clients: AuthClientStore?
    let issuer: AuthTokenIssuer
    let verifier: TokenVerifier
    /// The migrations step; client lookups answer 503 until it is done.
    let migrations: StartupRetryService?
    /// `environmentId` of userinfo answers.
    let environmentId: String

    func register(on router: Router<GWSRequestContext>) {
        let api = router.group(RouterPath(Self.basePath))
        api.get("ping") { _, _ in GWSEnvelope<GWSNoData>(status: .ok) }
        api.post("oauth/token") { request, _ in
            // OAuth errors answer as RFC 6749 JSON, not as GWS envelopes.
            do {
                let fields = try await AuthForm.fields(of: request)
                let client = try await authenticateClient(request, fields: fields)
                return AuthJSON.response(try await issuer.grant(fields, client: client))
            } catch let error as AuthOAuthError {
                return error.makeResponse()
            }
        }
        let authenticated = api.group().add(middleware: AuthBearerMiddleware(verifier: verifier))
        authenticated.get("userinfo") { _, _ in
            AuthJSON.response(AuthUserInfo(try AuthenticatedRequest.requireClaims(), environmentId: environmentId))
        }
        authenticated.group()
            .add(middleware: RequireAuthorityMiddleware<GWSRequestContext>(anyOf: ["ROLE_ADMIN"], action: "registering API clients"))
            .post("clients") { request, context in
                let tenant = try RequestInput.tenant(request)
                let input = try await RequestInput.data(AuthNewClient.self, from: request, context: context).validated()
                let store = try requireClients()
                let clientId = input.clientId ?? SecureRandom.opaqueToken().prefix(20).lowercased()
                guard let (client, secret) = try await store.create(
                    clientId: clientId, tenant: tenant, name: input.name, scopes: input.scopes ?? ["*"],
                    secret: SecureRandom.opaqueToken())
                else { throw GWSError(.conflict, "the client \(clientId) already exists") }
                return GWSEnvelope(data: AuthCreatedClient(client: client, clientSecret: secret))
            }
    }

    private func requireClients() throws -> AuthClientStore {
        guard let clients else { throw GWSError(.serviceUnavailable, "API clients need PostgreSQL, which is not configured") }
        try migrations?.requireDone()
        return clients
    }

    /// The client of `Authorization: Basic`, or the public client named by the
    /// form's `client_id` (no secret); `invalid_client` (401) otherwise.
    private func authenticateClient(_ request: Request, fields: [String: String]) async throws -> AuthClient {
        let basic = try AuthForm.basicCredentials(of: request)
        if basic == nil, (fields["client_id"] ?? "").isEmpty {
            throw AuthOAuthError.invalidClient(
                "client authentication (Authorization: Basic) or a public client_id is required")
        }
        let store: AuthClientStore
        do { store = try requireClients() } catch let error as GWSError {
            throw AuthOAuthError.temporarilyUnavailable(error.message)
        }
        guard let (id, secret) = basic else {
            let id = fields["client_id"] ?? ""
            guard let client = try await store.publicClient(clientId: id) else {
                throw AuthOAuthError.invalidClient("unknown public client; confidential clients authenticate with Authorization: Basic")
            }
            return client
        }
        guard let client = try await store.authenticate(clientId: id, secret: secret) else {
            throw AuthOAuthError.invalidClient("unknown client or wrong client secret")
        }
        return client
    }
}

/// A client just created, with its secret.
struct AuthCreatedClient: Codable, Sendable {
    var client: AuthClient
    var clientSecret: String
}

/// The answer of `GET /userinfo`.
struct AuthUserInfo: Encodable, Sendable {
    var username: String
    var loginName: String
    var dbid: Int?
    var contactCenterId: String
    var environmentId: String
    var authorities: [String]
    var properties: [String: String]

    init(_ claims: AccessTokenClaims, environmentId: String) {
        username = claims.userName
        loginName = claims.userName
        dbid = claims.has("ROLE_CLIENT") ? nil : Int(claims.sub)
        contactCenterId = claims.tenant
        self.environmentId = environmentId
        authorities = claims.authorities
        properties = ["clientId": claims.clientId]
    }
}
