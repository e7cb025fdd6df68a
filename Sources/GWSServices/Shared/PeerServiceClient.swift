import AsyncHTTPClient
import Foundation
import GWSAuth
import GWSServiceKit
import Hummingbird
import Logging
import NIOCore

/// Calls another GWS service's API (Configuration's `/configuration/v3` by default) over HTTP for one
/// tenant, at the instance its locator finds.
///
/// A connection failure, a timeout or a 5xx makes the locator forget the
/// instance and the call is tried once more at the next one; if that fails
/// too, the call answers 503 naming the service. Configuration's own 4xx
/// answers (400, 401, 404, 409) keep their status and message.
struct PeerServiceClient: Sendable {
    /// The API's base path at the service.
    var basePath = "/configuration/v3"
    let http: HTTPClient
    let locator: any PeerServiceLocator
    let logger: Logger
    /// The deadline of one attempt.
    var timeout: TimeAmount = .seconds(10)
    /// The bearer token sent for a tenant: by default the token of the request
    /// being served (Configuration checks it again); the auth role mints its own.
    var token: @Sendable (_ tenant: String) throws -> String? = { _ in AuthenticatedRequest.bearerToken }

    /// An HTTP client that fails at once when an instance refuses connections.
    static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(2), read: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// `GET path?query` → the `data` of the answer as `R`.
    func get<R: Decodable>(_ path: String, tenant: String, query: [(String, String)] = [], as type: R.Type) async throws -> R {
        try decode(type, try await send(.get, path, tenant: tenant, query: query, body: nil))
    }

    /// `method path` with `{"data": body}` → the `data` of the answer as `R`.
    func send<B: Encodable, R: Decodable>(
        _ method: HTTPRequest.Method, _ path: String, tenant: String, body: B, as type: R.Type
    ) async throws -> R {
        let bytes = try JSONEncoder().encode(ConfigurationRequestBody(data: body))
        return try decode(type, try await send(method, path, tenant: tenant, query: [], body: bytes))
    }

    /// `method path` (with `{"data": body}` when given), ignoring the answer's data.
    func perform<B: Encodable>(_ method: HTTPRequest.Method, _ path: String, tenant: String, body: B?) async throws {
        let bytes = try body.map { try JSONEncoder().encode(ConfigurationRequestBody(data: $0)) }
        _ = try await send(method, path, tenant: tenant, query: [], body: bytes)
    }

    /// Sends one call, trying a second instance after a transport failure; the answer's body.
    func send(_ method: HTTPRequest.Method, _ path: String, tenant: String, query: [(String, String)], body: Data?) async throws -> Data {
        var lastFailure = "no answer"
        for _ in 0..<2 {
            let base = try await locator.baseURL()
            do {
                let (status, bytes) = try await attempt(base: base, method, path, tenant: tenant, query: query, body: body)
                if status.code >= 500 {
                    lastFailure = "it answered \(status.code) (\(Self.message(in: bytes) ?? "no message"))"
                    await locator.invalidate(base)
                    continue
                }
                guard (200..<300).contains(status.code) else {
                    throw GWSError(status, Self.message(in: bytes) ?? "\(locator.serviceName) answered \(status.code)")
                }
                return bytes
            } catch let error as GWSError {
                throw error
            } catch {
                logger.warning("service call failed", metadata: ["service": "\(locator.serviceName)", "url": "\(base)", "error": "\(error)"])
                lastFailure = "\(base) cannot be reached"
                await locator.invalidate(base)
            }
        }
        throw peerUnavailable(locator.serviceName, lastFailure)
    }

    private func attempt(
        base: String, _ method: HTTPRequest.Method, _ path: String, tenant: String, query: [(String, String)], body: Data?
    ) async throws -> (HTTPResponse.Status, Data) {
        var components = URLComponents(string: base + basePath + path)
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let url = components?.string else { throw peerUnavailable(locator.serviceName, "invalid URL \(base)") }
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method.rawValue)
        if let token = try token(tenant) {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await http.execute(request, timeout: timeout, logger: logger)
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return (HTTPResponse.Status(code: Int(response.status.code)), Data(buffer.readableBytesView))
    }

    /// The `data` member of a Configuration answer as `R` (503 when it is not that).
    private func decode<R: Decodable>(_ type: R.Type, _ bytes: Data) throws -> R {
        let decoder = JSONDecoder()
        guard let data = try? decoder.decode(ConfigurationReply<R>.self, from: bytes).data else {
            throw peerUnavailable(locator.serviceName, "unexpected answer")
        }
        return data
    }

    /// `status.message` of an envelope, if the bytes are one.
    static func message(in bytes: Data) -> String? {
        (try? JSONDecoder().decode(ConfigurationReply<ConfigurationNoData>.self, from: bytes))?.status.message
    }
}

/// A body sent to Configuration: `{"data": …}`.
struct ConfigurationRequestBody<T: Encodable>: Encodable {
    var data: T
}

/// An answer from Configuration: the envelope with `data` as `T`.
struct ConfigurationReply<T: Decodable>: Decodable {
    var status: GWSStatus
    var data: T?
}

/// A `data` Provisioning ignores.
struct ConfigurationNoData: Codable, Sendable {}
