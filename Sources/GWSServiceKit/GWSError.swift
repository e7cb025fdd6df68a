import Foundation
import Hummingbird

/// An error a handler throws to answer with an HTTP status and the GWS
/// envelope `{"status": {"code": <http status>, "message": "…"}}`.
/// The message is shown to clients: say what went wrong, never how (no stack traces).
public struct GWSError: Error, HTTPResponseError, Sendable, Equatable {
    /// The HTTP status, also used as the envelope's `code`.
    public var status: HTTPResponse.Status
    /// A clear message for the client.
    public var message: String
    /// Extra response headers (`Allow`, `Retry-After`).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    /// The envelope response, without needing a request.
    public func makeResponse() -> Response {
        let envelope = GWSEnvelope<GWSNoData>(status: GWSStatus(code: status.code, message: message))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding two plain fields cannot fail; an empty body is the safe fallback.
        let body = (try? encoder.encode(envelope)) ?? Data()
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
