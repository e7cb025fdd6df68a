import GWSStores
import HTTPTypes

/// One operation of an ``OpenAPIDocument``: method, path (relative to the
/// role's base path, with `{name}` templates), parameters, request body, the
/// success answer and the errors it can give.
///
/// The errors that come with its ``Access`` are added by the document: 401
/// and 503 for guarded operations (no or bad token; no token key or a store
/// down), 403 when it needs ``requiredAuthorities``.
public struct OpenAPIOperation: Sendable {
    /// Who may call an operation.
    public enum Access: Sendable, Equatable {
        /// No credentials (version, the document itself, health, the token endpoint's own checks).
        case open
        /// `Authorization: Bearer <access token>`.
        case bearer
        /// A bearer token and the session cookie named `cookie` (`WORKSPACE_SESSIONID`).
        case bearerAndSession(cookie: String)
        /// OAuth client authentication: `Authorization: Basic` (confidential
        /// clients) or a public client's `client_id` in the form.
        case oauthClient
    }

    public var method: HTTPRequest.Method
    /// The path under the base path, e.g. `/voice/calls/{id}/answer`.
    public var path: String
    public var operationId: String
    public var summary: String
    public var description: String?
    public var tags: [String]
    public var access: Access
    /// Authorities of which the token must carry one (403 otherwise).
    public var requiredAuthorities: [String]
    /// Parameter objects (see ``pathParameter(_:_:)``, ``queryParameter(_:_:required:description:)``).
    public var parameters: [JSONValue]
    /// The request body object, if any (see ``jsonBody(_:required:)``, ``formBody(_:)``).
    public var requestBody: JSONValue?
    /// The success status.
    public var successStatus: Int
    /// The success answer's description.
    public var successDescription: String
    /// The success answer's JSON schema (a GWS envelope unless said otherwise).
    public var successSchema: JSONValue?
    /// Headers of the success answer (`Set-Cookie`), by name.
    public var successHeaders: [String: JSONValue]
    /// Error statuses beyond those of ``access``, each with the GWS error envelope.
    public var errors: [Int]
    /// Schema of the error answers; the GWS error envelope when nil.
    public var errorSchema: JSONValue?

    public init(
        _ method: HTTPRequest.Method, _ path: String, id operationId: String, summary: String, description: String? = nil,
        tags: [String] = [], access: Access = .bearer, authorities: [String] = [], parameters: [JSONValue] = [],
        body: JSONValue? = nil, success: Int = 200, successDescription: String = "done",
        response: JSONValue? = OpenAPISchema.envelope(), successHeaders: [String: JSONValue] = [:], errors: [Int] = [],
        errorSchema: JSONValue? = nil
    ) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.summary = summary
        self.description = description
        self.tags = tags
        self.access = access
        self.requiredAuthorities = authorities
        self.parameters = parameters
        self.requestBody = body
        self.successStatus = success
        self.successDescription = successDescription
        self.successSchema = response
        self.successHeaders = successHeaders
        self.errors = errors
        self.errorSchema = errorSchema
    }

    /// A required path parameter `name` (a string of 1 to 256 characters unless `schema` says otherwise).
    public static func pathParameter(_ name: String, _ schema: JSONValue = OpenAPISchema.string(minLength: 1, maxLength: 256))
        -> JSONValue
    {
        ["name": .string(name), "in": "path", "required": true, "schema": schema]
    }

    /// A query parameter `name`.
    public static func queryParameter(_ name: String, _ schema: JSONValue, required: Bool = false, description: String? = nil)
        -> JSONValue
    {
        var parameter: [String: JSONValue] = ["name": .string(name), "in": "query", "required": .bool(required), "schema": schema]
        parameter["description"] = description.map(JSONValue.string)
        return .object(parameter)
    }

    /// A JSON request body `{"operationId"?, "data": <data>}`; `required: false`
    /// when the body (or its `data`) may be left out.
    public static func jsonBody(_ data: JSONValue, required: Bool = true) -> JSONValue {
        [
            "required": .bool(required),
            "content": ["application/json": ["schema": OpenAPISchema.requestEnvelope(data: data, dataRequired: required)]],
        ]
    }

    /// An `application/x-www-form-urlencoded` request body.
    public static func formBody(_ schema: JSONValue) -> JSONValue {
        ["required": true, "content": ["application/x-www-form-urlencoded": ["schema": schema]]]
    }

    /// The `Set-Cookie` header of an answer that opens a session.
    public static func setCookieHeader(_ cookie: String) -> [String: JSONValue] {
        ["Set-Cookie": ["description": .string("\(cookie)=<session id>; Path=…; HttpOnly"), "schema": ["type": "string"]]]
    }
}
