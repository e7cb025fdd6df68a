import Foundation
import GWSAuth
import GWSServiceKit
import Hummingbird

/// Reads what a request to the API roles carries: the token's tenant and
/// user, path parameters, query values and `{"data": {…}}` bodies.
/// Every bad input becomes a 400 GWS envelope naming the field.
enum RequestInput {
    /// The longest identifier (tenant, agent, item) accepted.
    static let maximumIdentifierLength = 256

    /// The tenant of the request: the verified bearer token's (401 when the
    /// route is not behind ``AuthBearerMiddleware``).
    static func tenant(_ request: Request) throws -> String {
        try AuthenticatedRequest.requireClaims().tenant
    }

    /// The user of the request: the verified bearer token's login name.
    static func user(_ request: Request) throws -> String {
        try AuthenticatedRequest.requireClaims().userName
    }

    /// A path parameter (an identifier of at most 256 characters).
    static func parameter(_ name: String, _ context: some RequestContext) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else {
            throw GWSError(.badRequest, "missing path parameter \(name)")
        }
        guard value.count <= maximumIdentifierLength else {
            throw GWSError(.badRequest, "invalid path parameter \(name): at most \(maximumIdentifierLength) characters")
        }
        return value
    }

    /// The integer query value `name`: `defaultValue` when absent, 400 when not in `range`.
    static func integer(_ name: String, of request: Request, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw GWSError(.badRequest, "invalid query parameter \(name): expected an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The `data` member of a `{"operationId"?: …, "data": {…}}` body, decoded as `type`.
    static func data<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else {
            throw GWSError(.badRequest, "missing request body: expected {\"data\": {…}}")
        }
        do {
            return try JSONDecoder().decode(DataBody<T>.self, from: Data(buffer.readableBytesView)).data
        } catch let error as DecodingError {
            throw GWSError(.badRequest, describe(error))
        }
    }

    /// Like ``data(_:from:context:)``, but an empty body (or one without
    /// `data`) is `fallback`: for operations whose parameters are all optional.
    static func optionalData<T: Decodable>(
        _ type: T.Type, from request: Request, context: some RequestContext, default fallback: T
    ) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return fallback }
        do {
            return try JSONDecoder().decode(OptionalDataBody<T>.self, from: Data(buffer.readableBytesView)).data ?? fallback
        } catch let error as DecodingError {
            throw GWSError(.badRequest, describe(error))
        }
    }

    /// A client-readable account of a decoding failure, naming the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .valueNotFound(_, let context):
            return "field \(path(context.codingPath)) must not be null"
        case .typeMismatch(let type, let context):
            return "field \(path(context.codingPath)) has the wrong type (expected \(typeName(type)))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "invalid value for field \(path(context.codingPath))"
        @unknown default:
            return "invalid request body"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [String].Type: "an array of strings"
        default: "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

/// A GWS request body: `{"operationId"?: "…", "data": {…}}`.
struct DataBody<Payload: Decodable>: Decodable {
    var operationId: String?
    var data: Payload
}

/// A request body whose `data` may be absent.
struct OptionalDataBody<Payload: Decodable>: Decodable {
    var operationId: String?
    var data: Payload?
}
