import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

extension ElasticsearchClient {
    /// The largest answer read into memory.
    static let maximumResponseBytes = 256 * 1024 * 1024

    /// Sends one request and returns the answer whatever its status; throws
    /// only when the server cannot be reached.
    func send(
        _ method: RequestMethod, _ path: String, query: [(String, String)] = [],
        body: Data? = nil, contentType: String = "application/json"
    ) async throws -> ElasticsearchResponse {
        var url = configuration.url + path
        if !query.isEmpty {
            url += "?" + query.map { "\($0.0)=\(Self.escapeQueryValue($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method.rawValue)
        request.headers.add(name: "Accept", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization.value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await httpClient.execute(request, timeout: TimeAmount(configuration.requestTimeout))
            let buffer = try await response.body.collect(upTo: Self.maximumResponseBytes)
            let status = Int(response.status.code)
            logger.debug("elasticsearch request", metadata: ["method": "\(method)", "path": "\(path)", "status": "\(status)"])
            return ElasticsearchResponse(status: status, body: Data(buffer.readableBytesView))
        } catch {
            logger.debug("elasticsearch unreachable", metadata: ["method": "\(method)", "path": "\(path)", "error": "\(error)"])
            throw ElasticsearchError(
                code: .unreachable, url: configuration.redactedURL,
                message: "cannot reach Elasticsearch at \(configuration.redactedURL) (\(method) \(path)): \(error)")
        }
    }

    /// Sends one request and returns the body of a successful (2xx) answer;
    /// any other status becomes an `.httpStatus` error with the server's reason.
    func call(
        _ method: RequestMethod, _ path: String, query: [(String, String)] = [],
        body: Data? = nil, contentType: String = "application/json"
    ) async throws -> Data {
        let response = try await send(method, path, query: query, body: body, contentType: contentType)
        guard (200..<300).contains(response.status) else { throw statusError(response, method: method, path: path) }
        return response.body
    }

    /// The error for an answer with an error status, carrying the server's `type` and `reason`.
    func statusError(_ response: ElasticsearchResponse, method: RequestMethod, path: String) -> ElasticsearchError {
        let detail = ElasticsearchErrorDetail(body: response.body)
        var message = "Elasticsearch at \(configuration.redactedURL) answered \(response.status) to \(method) \(path)"
        if let summary = detail.summary { message += ": \(summary)" }
        return ElasticsearchError(
            code: .httpStatus, url: configuration.redactedURL, status: response.status,
            type: detail.type, reason: detail.reason, message: message)
    }

    /// Decodes a successful answer, or throws a `.decoding` error naming the request.
    func decode<T: Decodable>(_ type: T.Type, from body: Data, method: RequestMethod, path: String) throws -> T {
        do {
            return try Self.makeDecoder().decode(type, from: body)
        } catch {
            throw ElasticsearchError(
                code: .decoding, url: configuration.redactedURL,
                message: "cannot decode the answer of Elasticsearch at \(configuration.redactedURL) to \(method) \(path) as \(T.self): \(error)")
        }
    }

    /// Encodes a request body, or throws a `.decoding` error (the same code covers both directions).
    func encode(_ value: some Encodable, what: String) throws -> Data {
        do {
            return try Self.makeEncoder().encode(value)
        } catch {
            throw ElasticsearchError(
                code: .decoding, url: configuration.redactedURL, message: "cannot encode \(what) as JSON: \(error)")
        }
    }

    /// `/<segment>` with the segment percent-encoded (index names, document ids).
    static func pathSegment(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return "/" + (segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment)
    }

    static func escapeQueryValue(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// Dates travel as ISO 8601 strings, which Elasticsearch maps as `date`.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
