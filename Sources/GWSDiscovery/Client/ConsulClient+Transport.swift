import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sending requests and reading answers for ``ConsulClient``.
extension ConsulClient {
    /// Largest answer read.
    static let maxResponseBytes = 16 * 1024 * 1024

    /// Sends one request and returns the URL called, the answer's headers and its body (`nil` for an
    /// allowed 404). Throws ``ConsulError`` for a transport failure or a non-2xx status, and
    /// `CancellationError` when the calling task was cancelled.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
        timeout: Duration? = nil, allow404: Bool = false
    ) async throws -> (url: String, headers: HTTPHeaders, body: ByteBuffer?) {
        var url = baseURL + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.escapeQuery($0.0))=\(Self.escapeQuery($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "X-Consul-Token", value: token) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let buffer: ByteBuffer
        do {
            let nanoseconds = ConsulDuration.nanoseconds(of: timeout ?? requestTimeout)
            response = try await httpClient.execute(request, timeout: .nanoseconds(nanoseconds), logger: logger)
            buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            logger.debug("Consul call failed", metadata: ["url": "\(url)", "error": "\(error)"])
            throw ConsulError.unreachable(url, error)
        }
        if allow404, response.status == .notFound { return (url, response.headers, nil) }
        guard (200..<300).contains(response.status.code) else {
            throw ConsulError.httpStatus(url, Int(response.status.code), body: String(buffer: buffer))
        }
        return (url, response.headers, buffer)
    }

    /// Decodes a JSON answer.
    func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer?, url: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data((body ?? ByteBuffer()).readableBytesView))
        } catch {
            throw ConsulError.decoding(url, "\(error)")
        }
    }

    /// The `X-Consul-Index` of an answer (0 when absent).
    static func index(_ headers: HTTPHeaders) -> UInt64 {
        headers.first(name: "X-Consul-Index").flatMap { UInt64($0) } ?? 0
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes a path segment (an id or name); with `keepingSlashes`, a KV key's `/` stay.
    static func escape(_ segment: String, keepingSlashes: Bool = false) -> String {
        var allowed = unreserved
        allowed.insert(charactersIn: ":@")
        if keepingSlashes { allowed.insert("/") }
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// Percent-encodes a query name or value.
    static func escapeQuery(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
