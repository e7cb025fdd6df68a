import AsyncHTTPClient
import Foundation
import GWSSpec
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// A small Kubernetes API client on AsyncHTTPClient: get, list, create,
/// replace, server-side apply, merge patch, delete, and watch (see
/// `KubernetesClient+Watch.swift`). Bodies are ``Value`` trees in JSON.
/// Refusals throw ``KubernetesAPIError`` with the server's `Status` message.
public final class KubernetesClient: Sendable {
    public let config: KubernetesClientConfig
    let http: HTTPClient
    let logger: Logger
    let observer: (@Sendable (_ method: String, _ code: Int) -> Void)?
    private let token: TokenSource

    /// The longest a response body may be (a list of every GWSDeployment).
    static let maximumBodyBytes = 256 << 20

    /// - Parameter observer: called after every request with its method and
    ///   HTTP status (0 when no response came), for `rest_client_requests_total`.
    public init(
        config: KubernetesClientConfig, logger: Logger,
        observer: (@Sendable (_ method: String, _ code: Int) -> Void)? = nil
    ) throws {
        self.config = config
        self.logger = logger
        self.observer = observer
        self.token = TokenSource(credentials: config.credentials)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try Self.tlsConfiguration(config),
            timeout: .init(connect: .seconds(10), read: nil),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16))
        configuration.redirectConfiguration = .disallow
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    static func tlsConfiguration(_ config: KubernetesClientConfig) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = config.certificateAuthorityPEM {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
        }
        if config.insecureSkipTLSVerify { tls.certificateVerification = .none }
        if case .clientCertificate(let cert, let key) = config.credentials {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(cert).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
        }
        return tls
    }

    /// Closes the connection pool; call once, after the last request.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    // MARK: Verbs

    public func get(_ resource: APIResource, namespace: String?, name: String) async throws -> KubeObject {
        KubeObject(try await send(.GET, resource.objectPath(namespace: namespace, name: name)))
    }

    /// One page of a list; `limit` 0 asks for everything at once.
    public func list(
        _ resource: APIResource, namespace: String?, labelSelector: String? = nil, limit: Int = 0,
        continueToken: String? = nil
    ) async throws -> ObjectList {
        var query: [(String, String)] = []
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if limit > 0 { query.append(("limit", String(limit))) }
        if let continueToken { query.append(("continue", continueToken)) }
        let body = try await send(.GET, resource.collectionPath(namespace: namespace), query: query)
        return ObjectList(
            items: (body["items"]?.listValue ?? []).map(KubeObject.init),
            resourceVersion: body["metadata"]?["resourceVersion"]?.stringValue ?? "",
            continueToken: body["metadata"]?["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Every object, page by page (`limit` per page).
    public func listAll(
        _ resource: APIResource, namespace: String?, labelSelector: String? = nil, limit: Int = 500
    ) async throws -> ObjectList {
        var page = try await list(resource, namespace: namespace, labelSelector: labelSelector, limit: limit)
        var all = page
        while let token = page.continueToken {
            page = try await list(
                resource, namespace: namespace, labelSelector: labelSelector, limit: limit, continueToken: token)
            all.items += page.items
        }
        all.continueToken = nil
        return all
    }

    public func create(_ resource: APIResource, namespace: String?, _ object: Value) async throws -> KubeObject {
        KubeObject(try await send(.POST, resource.collectionPath(namespace: namespace), body: object))
    }

    /// PUT: replaces the object; its `metadata.resourceVersion` makes it conditional (409 when stale).
    public func replace(_ resource: APIResource, namespace: String?, name: String, _ object: Value) async throws
        -> KubeObject
    {
        KubeObject(try await send(.PUT, resource.objectPath(namespace: namespace, name: name), body: object))
    }

    /// Server-side apply (`application/apply-patch+yaml`; JSON is YAML) under `fieldManager`.
    public func apply(
        _ resource: APIResource, namespace: String?, name: String, _ object: Value, fieldManager: String,
        force: Bool = true
    ) async throws -> KubeObject {
        var query = [("fieldManager", fieldManager)]
        if force { query.append(("force", "true")) }
        return KubeObject(
            try await send(
                .PATCH, resource.objectPath(namespace: namespace, name: name), query: query, body: object,
                contentType: "application/apply-patch+yaml"))
    }

    /// JSON merge patch (RFC 7386), of the object or a subresource (`status`).
    /// A `metadata.resourceVersion` in the patch makes it conditional.
    public func mergePatch(
        _ resource: APIResource, namespace: String?, name: String, _ patch: Value, subresource: String? = nil,
        fieldManager: String? = nil
    ) async throws -> KubeObject {
        let query = fieldManager.map { [("fieldManager", $0)] } ?? []
        return KubeObject(
            try await send(
                .PATCH, resource.objectPath(namespace: namespace, name: name, subresource: subresource), query: query,
                body: patch, contentType: "application/merge-patch+json"))
    }

    /// Deletes with background propagation; `uid` makes it conditional on the object still being that one.
    public func delete(_ resource: APIResource, namespace: String?, name: String, uid: String? = nil) async throws {
        var options: [String: Value] = [
            "apiVersion": "v1", "kind": "DeleteOptions", "propagationPolicy": "Background",
        ]
        if let uid { options["preconditions"] = ["uid": .string(uid)] }
        _ = try await send(.DELETE, resource.objectPath(namespace: namespace, name: name), body: .map(options))
    }

    // MARK: Transport

    func send(
        _ method: HTTPVerb, _ path: String, query: [(String, String)] = [], body: Value? = nil,
        contentType: String = "application/json", timeout: TimeAmount = .seconds(30)
    ) async throws -> Value {
        let request = try makeRequest(method, path, query: query, body: body, contentType: contentType)
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await http.execute(request, timeout: timeout, logger: logger)
            bytes = try await response.body.collect(upTo: Self.maximumBodyBytes)
        } catch {
            observer?(method.rawValue, 0)
            throw error
        }
        observer?(method.rawValue, Int(response.status.code))
        let text = String(buffer: bytes)
        let parsed = text.isEmpty ? nil : try? Value(json: text)
        guard (200..<300).contains(response.status.code) else {
            throw KubernetesAPIError(
                httpStatus: Int(response.status.code), body: parsed, method: method.rawValue, path: path)
        }
        return parsed ?? .map([:])
    }

    func makeRequest(
        _ method: HTTPVerb, _ path: String, query: [(String, String)], body: Value?, contentType: String
    ) throws -> HTTPClientRequest {
        var url = config.server + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method.rawValue)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "gws-operator")
        if let bearer = try token.current() { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body.jsonString()))
        }
        return request
    }

    static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

/// The HTTP methods the client uses.
public enum HTTPVerb: String, Sendable {
    case GET, POST, PUT, PATCH, DELETE
}

/// A page of a list: the objects and the collection's resourceVersion.
public struct ObjectList: Sendable {
    public var items: [KubeObject]
    public var resourceVersion: String
    public var continueToken: String?
}

/// The bearer token: fixed, or read from a file and re-read every minute
/// (the kubelet rotates projected service-account tokens).
final class TokenSource: Sendable {
    private let credentials: KubernetesClientConfig.Credentials
    private let cache = Mutex<(token: String, readAt: ContinuousClock.Instant)?>(nil)

    init(credentials: KubernetesClientConfig.Credentials) { self.credentials = credentials }

    func current() throws -> String? {
        switch credentials {
        case .none, .clientCertificate: return nil
        case .bearerToken(let token): return token
        case .tokenFile(let path):
            let now = ContinuousClock.now
            if let cached = cache.withLock({ $0 }), now - cached.readAt < .seconds(60) { return cached.token }
            let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
            cache.withLock { $0 = (token, now) }
            return token
        }
    }
}
