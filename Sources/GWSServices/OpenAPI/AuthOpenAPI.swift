import GWSServiceKit
import GWSStores

/// The OpenAPI document of the Authentication stand-in (`/auth/v3`): what
/// ``AuthRoutes`` serves. The token endpoint and userinfo answer plain OAuth
/// JSON (RFC 6749), not GWS envelopes.
enum AuthOpenAPI {
    static var document: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Authentication API (stand-in)",
            description: """
                OAuth 2.0 token endpoint (password grant with username tenant\\user, client_credentials, \
                refresh_token) and the token's user. Confidential clients authenticate with Authorization: Basic, \
                public clients (agent-setup) with client_id in the form.
                """,
            basePath: AuthRoutes.basePath)
        document.define("OAuthError", oauthError)
        document.add(operations)
        return document
    }

    private static let oauthError = Schema.object(
        [
            "error": Schema.string(enum: [
                "invalid_request", "invalid_client", "invalid_grant", "invalid_scope", "unsupported_grant_type",
                "temporarily_unavailable",
            ]),
            "error_description": Schema.text,
        ], required: ["error"])

    private static let tokenForm = Schema.object(
        [
            "grant_type": Schema.string(enum: ["password", "client_credentials", "refresh_token"]),
            "username": Schema.string("tenant\\user, or user in the client's tenant"),
            "password": Schema.string(format: "password"),
            "refresh_token": Schema.text,
            "client_id": Schema.string("a public client's id (confidential clients use Authorization: Basic)"),
            "scope": Schema.string("space-separated; all of the client's by default"),
        ], required: ["grant_type"])

    private static let token = Schema.object(
        [
            "access_token": Schema.text, "token_type": Schema.string(enum: ["bearer"]), "expires_in": Schema.integer(),
            "refresh_token": Schema.text, "scope": Schema.text,
        ], required: ["access_token", "token_type", "expires_in", "scope"])

    private static let userInfo = Schema.object(
        [
            "username": Schema.text, "loginName": Schema.text, "dbid": Schema.integer(), "contactCenterId": Schema.text,
            "environmentId": Schema.text, "authorities": Schema.array(Schema.text), "properties": Schema.map(Schema.text),
        ], required: ["username", "contactCenterId", "authorities"])

    private static var operations: [OpenAPIOperation] {
        [
            Operation(.get, "/ping", id: "ping", summary: "Liveness of the API", tags: ["service"], access: .open),
            Operation(
                .post, "/oauth/token", id: "retrieveToken", summary: "Get an access token", tags: ["oauth"],
                access: .oauthClient, body: Operation.formBody(tokenForm), successDescription: "the tokens",
                response: token, errors: [400], errorSchema: Schema.ref("OAuthError")),
            Operation(
                .get, "/userinfo", id: "getUserInfo", summary: "The token's user", tags: ["oauth"],
                successDescription: "the user", response: userInfo),
            Operation(
                .post, "/clients", id: "addClient", summary: "Register a confidential API client of the tenant",
                description: "The secret is shown in this answer only.", tags: ["clients"], authorities: ["ROLE_ADMIN"],
                body: Operation.jsonBody(Schema.object(
                    [
                        "name": Schema.text, "clientId": Schema.string(minLength: 1, maxLength: 128, pattern: "^[^:]*$"),
                        "scopes": Schema.array(Schema.text),
                    ], required: ["name"])),
                response: Schema.envelope(data: Schema.object(
                    [
                        "client": Schema.object([
                            "clientId": Schema.text, "tenant": Schema.text, "name": Schema.text, "scopes": Schema.array(Schema.text),
                            "isPublic": Schema.boolean,
                        ]),
                        "clientSecret": Schema.text,
                    ], required: ["client", "clientSecret"])),
                errors: [409]),
        ]
    }
}
