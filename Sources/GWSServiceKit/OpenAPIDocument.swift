import Foundation
import GWSStores

/// The OpenAPI 3.0 document of one role's API, served at
/// `GET <basePath>/openapi.json` (public) by routers made with
/// ``ServiceScaffold/makeRouter(openAPI:)``.
///
/// Paths are relative to the base path, which is the document's only server
/// (`servers: [{url: "/workspace/v3"}]`), as in Genesys's own API clients.
/// Every document starts with the two public operations every role serves,
/// `GET /version` and `GET /openapi.json`; roles ``add(_:)`` theirs. Guarded
/// operations use the `bearerAuth` scheme (HTTP bearer, JWT) and answer
/// errors in the GWS envelope `{"status": {"code": <HTTP status>, "message"}}`;
/// those that need an authority list them in `x-gws-authorities`.
public struct OpenAPIDocument: Sendable {
    /// Component name of the envelope's `status` object.
    public static let statusSchema = "GWSStatus"
    /// Component name of the error envelope.
    public static let errorSchema = "GWSError"
    /// Security scheme name of bearer tokens.
    public static let bearerScheme = "bearerAuth"
    /// Security scheme name of OAuth client authentication (`Authorization: Basic`).
    public static let clientScheme = "clientBasic"
    /// Where the document is served, under the base path.
    public static let path = "/openapi.json"

    public let title: String
    public let description: String
    /// The role's base path (`/workspace/v3`).
    public let basePath: String
    /// The operations, in the order added.
    public private(set) var operations: [OpenAPIOperation] = []
    /// Named schemas (`#/components/schemas/<name>`) beyond the standard ones.
    public private(set) var schemas: [String: JSONValue] = [:]

    /// A document with the standard operations (`GET /version`, `GET /openapi.json`).
    public init(title: String, description: String, basePath: String) {
        self.title = title
        self.description = description
        self.basePath = basePath
        add(
            OpenAPIOperation(
                .get, "/version", id: "getVersion", summary: "The version of the service", tags: ["service"], access: .open,
                successDescription: "the version, build and answering instance", response: OpenAPISchema.ref("VersionInfo")))
        add(
            OpenAPIOperation(
                .get, Self.path, id: "getOpenAPIDocument", summary: "This OpenAPI document", tags: ["service"], access: .open,
                successDescription: "the OpenAPI 3.0 document", response: ["type": "object"]))
    }

    /// Adds an operation.
    public mutating func add(_ operation: OpenAPIOperation) {
        operations.append(operation)
    }

    /// Adds operations.
    public mutating func add(_ operations: [OpenAPIOperation]) {
        self.operations += operations
    }

    /// Names `schema` as `#/components/schemas/<name>` (see ``OpenAPISchema/ref(_:)``).
    public mutating func define(_ name: String, _ schema: JSONValue) {
        schemas[name] = schema
    }

    /// The document as JSON.
    public var json: JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method.rawValue.lowercased()] = render(operation)
        }
        var security: [String: JSONValue] = [
            Self.bearerScheme: ["type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                "description": "an access token of POST /auth/v3/oauth/token"],
        ]
        for operation in operations {
            switch operation.access {
            case .bearerAndSession(let cookie):
                security[cookie] = ["type": "apiKey", "in": "cookie", "name": .string(cookie),
                                    "description": "the session cookie set when the session was initialized"]
            case .oauthClient:
                security[Self.clientScheme] = ["type": "http", "scheme": "basic",
                                               "description": "a confidential client's id and secret"]
            case .open, .bearer:
                break
            }
        }
        let tags = Array(Set(operations.flatMap(\.tags))).sorted()
        return [
            "openapi": "3.0.3",
            "info": ["title": .string(title), "description": .string(description), "version": .string(GWSVersion.version)],
            "servers": [["url": .string(basePath)]],
            "tags": .array(tags.map { ["name": .string($0)] }),
            "security": [[Self.bearerScheme: []]],
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": ["schemas": .object(standardSchemas.merging(schemas) { _, own in own }), "securitySchemes": .object(security)],
        ]
    }

    /// The document as compact JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(json)
    }

    private var standardSchemas: [String: JSONValue] {
        [
            Self.statusSchema: OpenAPISchema.object(
                [
                    "code": OpenAPISchema.integer("0 done, 1 accepted (the result follows on CometD), 2 partial success; else the HTTP status of the error"),
                    "message": OpenAPISchema.string("what went wrong, for people"),
                ], required: ["code"]),
            Self.errorSchema: OpenAPISchema.envelope(),
            "VersionInfo": OpenAPISchema.object(
                ["version": OpenAPISchema.text, "changeset": OpenAPISchema.text, "role": OpenAPISchema.text, "instance": OpenAPISchema.text],
                required: ["version", "changeset", "role", "instance"]),
        ]
    }

    private func render(_ operation: OpenAPIOperation) -> JSONValue {
        var object: [String: JSONValue] = [
            "operationId": .string(operation.operationId), "summary": .string(operation.summary),
            "responses": .object(responses(of: operation)),
        ]
        object["description"] = operation.description.map(JSONValue.string)
        if !operation.tags.isEmpty { object["tags"] = .array(operation.tags.map(JSONValue.string)) }
        if !operation.parameters.isEmpty { object["parameters"] = .array(operation.parameters) }
        object["requestBody"] = operation.requestBody
        if !operation.requiredAuthorities.isEmpty {
            object["x-gws-authorities"] = .array(operation.requiredAuthorities.map(JSONValue.string))
        }
        switch operation.access {
        case .open: object["security"] = []
        case .bearer: object["security"] = [[Self.bearerScheme: []]]
        case .bearerAndSession(let cookie): object["security"] = [[Self.bearerScheme: [], cookie: []]]
        case .oauthClient: object["security"] = [[Self.clientScheme: []], [:]]
        }
        return .object(object)
    }

    private func responses(of operation: OpenAPIOperation) -> [String: JSONValue] {
        var success: [String: JSONValue] = ["description": .string(operation.successDescription)]
        if let schema = operation.successSchema { success["content"] = ["application/json": ["schema": schema]] }
        if !operation.successHeaders.isEmpty { success["headers"] = .object(operation.successHeaders) }
        var statuses = Set(operation.errors)
        if operation.access != .open { statuses.formUnion([401, 503]) }
        if !operation.requiredAuthorities.isEmpty { statuses.insert(403) }
        if operation.requestBody != nil { statuses.insert(400) }
        var responses: [String: JSONValue] = [String(operation.successStatus): .object(success)]
        let errorSchema = operation.errorSchema ?? OpenAPISchema.ref(Self.errorSchema)
        for status in statuses {
            responses[String(status)] = [
                "description": .string(Self.describe(status, operation: operation)),
                "content": ["application/json": ["schema": errorSchema]],
            ]
        }
        return responses
    }

    private static func describe(_ status: Int, operation: OpenAPIOperation) -> String {
        switch status {
        case 400: "bad input: the message names the parameter or field"
        case 401:
            switch operation.access {
            case .bearerAndSession(let cookie): "missing, invalid or expired bearer token, or no valid \(cookie) session"
            case .oauthClient: "unknown client or wrong client secret"
            default: "missing, invalid or expired bearer token"
            }
        case 403: "the token carries none of the authorities " + operation.requiredAuthorities.joined(separator: ", ")
        case 404: "not found (in the token's tenant)"
        case 409: "conflict: already exists, or not allowed in the current state"
        case 413: "request body too large"
        case 503: "a backing store or peer service is unavailable, or no token key is configured"
        default: "error \(status)"
        }
    }
}
