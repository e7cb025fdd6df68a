import AsyncHTTPClient
import Hummingbird
import NIOCore

/// Sends one attempt of a request to one upstream instance and converts the
/// answer back, streaming the response body.
struct ProxyForwarder: Sendable {
    let client: HTTPClient
    /// Longest the upstream may take to answer (the whole exchange).
    let timeout: Duration

    /// Sends the request; returns once the response head arrived.
    ///
    /// - Throws: what the HTTP client throws: a connection error, `HTTPClientError.deadlineExceeded`…
    func send(
        method: HTTPRequest.Method,
        pathAndQuery: String,
        headers: [(name: String, value: String)],
        body: ByteBuffer,
        to instance: UpstreamInstance
    ) async throws -> HTTPClientResponse {
        var upstream = HTTPClientRequest(url: instance.baseURL + pathAndQuery)
        upstream.method = .init(rawValue: method.rawValue)
        for header in headers {
            upstream.headers.add(name: header.name, value: header.value)
        }
        if body.readableBytes > 0 || [.post, .put, .patch].contains(method) {
            upstream.body = .bytes(body)
        }
        let components = timeout.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        return try await client.execute(upstream, timeout: .nanoseconds(nanoseconds))
    }

    /// The client's response: upstream status and headers (minus hop-by-hop),
    /// body streamed; no body for HEAD, 1xx, 204 and 304.
    static func clientResponse(from upstream: HTTPClientResponse, method: HTTPRequest.Method) -> Response {
        let headers = HTTPFields(pairs: ProxyHeaders.clientResponse(Array(upstream.headers)))
        let status = HTTPResponse.Status(code: Int(upstream.status.code), reasonPhrase: upstream.status.reasonPhrase)
        let bodiless = method == .head || status.code == 204 || status.code == 304 || status.kind == .informational
        let body = bodiless ? ResponseBody() : ResponseBody(asyncSequence: upstream.body)
        return Response(status: status, headers: headers, body: body)
    }
}
