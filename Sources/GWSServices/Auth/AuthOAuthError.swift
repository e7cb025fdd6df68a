import Foundation
import GWSServiceKit
import Hummingbird

/// An OAuth 2.0 error answer (RFC 6749 §5.2):
/// `{"error": "invalid_grant", "error_description": "…"}`, never echoing secrets.
struct AuthOAuthError: Error, HTTPResponseError, Sendable, Equatable {
    var code: String
    var detail: String
    var status: HTTPResponse.Status

    static func invalidRequest(_ detail: String) -> Self { Self(code: "invalid_request", detail: detail, status: .badRequest) }
    static func invalidClient(_ detail: String) -> Self { Self(code: "invalid_client", detail: detail, status: .unauthorized) }
    static func invalidGrant(_ detail: String) -> Self { Self(code: "invalid_grant", detail: detail, status: .badRequest) }
    static func invalidScope(_ detail: String) -> Self { Self(code: "invalid_scope", detail: detail, status: .badRequest) }
    static func unsupportedGrantType(_ detail: String) -> Self {
        Self(code: "unsupported_grant_type", detail: detail, status: .badRequest)
    }
    static func temporarilyUnavailable(_ detail: String) -> Self {
        Self(code: "temporarily_unavailable", detail: detail, status: .serviceUnavailable)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    /// The OAuth error JSON (`WWW-Authenticate: Basic` with a 401).
    func makeResponse() -> Response {
        var headers = HTTPFields()
        if status == .unauthorized { headers[.wwwAuthenticate] = #"Basic realm="gws""# }
        return AuthJSON.response(["error": code, "error_description": detail], status: status, headers: headers)
    }
}

/// Plain (non-envelope) JSON answers of the token endpoint.
enum AuthJSON {
    /// `value` as JSON with `Cache-Control: no-store` (RFC 6749 §5.1).
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail; an empty body is the safe fallback.
        let body = (try? encoder.encode(value)) ?? Data()
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPFields.Element.Name("Pragma")!] = "no-cache"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
