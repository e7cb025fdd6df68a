import Foundation
import Hummingbird
import ServiceLifecycle

/// Serves a ``ConsulRegistry`` over the subset of Consul's HTTP API that services and proxies use:
/// agent service and check endpoints, health, catalog, key/value with locks, sessions, status and agent
/// self.
///
/// Reads answer `X-Consul-Index`, `X-Consul-KnownLeader` and `X-Consul-LastContact`, and block like
/// Consul's when given `?index=N` (and optionally `&wait=`). Errors are plain text with Consul's status
/// codes: 400 for a malformed request, 404 for an unknown service or check id.
///
/// Where it differs from Consul: re-registering a service replaces its checks (as with Consul's
/// `?replace-existing-checks`), keeping the status of those that stay; a check's output-only change
/// does not move the index; a session expires exactly one TTL after its last renewal (Consul may wait
/// up to twice the TTL); a session's `Checks`, `NodeChecks` and `ServiceChecks` are accepted and shown
/// but never invalidate it (the node's `serfHealth` always passes here).
public enum ConsulAPI {
    /// Adds the Consul endpoints under `/v1` to `router`.
    public static func addRoutes<Context: RequestContext>(to router: Router<Context>, registry: ConsulRegistry) {
        let v1 = router.group("v1")
        addAgentRoutes(to: v1, registry: registry)
        addHealthRoutes(to: v1, registry: registry)
        addKVRoutes(to: v1, registry: registry)
        addSessionRoutes(to: v1, registry: registry)
    }

    /// Default wait of a blocking query without `wait`.
    static let defaultWait: Duration = .seconds(300)
    /// Longest wait a blocking query may ask for.
    static let maxWait: Duration = .seconds(600)

    static let indexHeader = HTTPFields.Element.Name("X-Consul-Index")!
    static let knownLeaderHeader = HTTPFields.Element.Name("X-Consul-KnownLeader")!
    static let lastContactHeader = HTTPFields.Element.Name("X-Consul-LastContact")!

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    // MARK: Responses

    /// A JSON answer; reads pass the index of the data they read.
    static func json(_ value: some Encodable, index: UInt64? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return bytes(Array(data), contentType: "application/json", index: index, status: status)
    }

    /// A raw answer with Consul's read headers when `index` is given.
    static func bytes(
        _ bytes: [UInt8], contentType: String, index: UInt64? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let index {
            headers[indexHeader] = String(index)
            headers[knownLeaderHeader] = "true"
            headers[lastContactHeader] = "0"
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A plain-text error as Consul writes them.
    static func text(_ message: String, status: HTTPResponse.Status, index: UInt64? = nil) -> Response {
        bytes(Array((message + "\n").utf8), contentType: "text/plain; charset=utf-8", index: index, status: status)
    }

    /// An empty 200, as Consul answers agent writes.
    static var ok: Response { Response(status: .ok, headers: [.contentType: "application/json"]) }

    /// Runs a handler, turning registry and request errors into Consul's plain-text error answers.
    static func handle(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as ConsulRegistryError {
            let status: HTTPResponse.Status =
                switch error.code {
                case .badRequest: .badRequest
                case .notFound: .notFound
                case .failed: .internalServerError
                }
            return text(error.message, status: status)
        } catch let error as DecodingError {
            return text("Request decode failed: \(describe(error))", status: .badRequest)
        } catch {
            return text("\(error)", status: .internalServerError)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
            .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    // MARK: Requests

    /// Reads and decodes a JSON body.
    static func decode<T: Decodable, Context: RequestContext>(
        _ type: T.Type, from request: Request, context: Context
    ) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else {
            throw ConsulRegistryError.badRequest("Request decode failed: empty body")
        }
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// A path parameter, percent-decoded.
    static func parameter<Context: RequestContext>(_ name: String, _ context: Context) throws -> String {
        guard let raw = context.parameters.get(name) else {
            throw ConsulRegistryError.badRequest("Missing \(name)")
        }
        return raw.removingPercentEncoding ?? raw
    }

    /// Waits as a blocking query asks (`?index=N&wait=…`), then answers what `read` finds in the state
    /// with the watched data's index. A graceful shutdown of the server ends the wait at once, so
    /// long-polling clients never hold up the shutdown.
    static func blockingRead<T: Sendable>(
        _ request: Request, registry: ConsulRegistry, watch: RegistryWatch,
        _ read: @Sendable (RegistryState) -> T
    ) async throws -> (value: T, index: UInt64) {
        let query = QueryParameters(request)
        if let index = query.index, index > 0 {
            let wait = try query.wait()
            await cancelWhenGracefulShutdown {
                await registry.waitForChange(of: watch, after: index, timeout: wait)
            }
        }
        return await registry.read(watch, read)
    }
}

/// The query parameters of one request, read with Consul's conventions.
struct QueryParameters {
    private let parameters: [(key: String, value: String)]

    /// Parses the raw query as Go's `url.ParseQuery` does: `+` is a space, then percent-decoding.
    init(_ request: Request) {
        self.init(query: request.uri.query ?? "")
    }

    init(query: String) {
        func decode(_ part: Substring) -> String {
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        parameters = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (decode(pair), "") }
            return (decode(pair[..<equals]), decode(pair[pair.index(after: equals)...]))
        }
    }

    /// The first value of `name`, decoded (`nil` when absent, `""` for a bare `?name`).
    func string(_ name: String) -> String? {
        parameters.first { $0.key == name }?.value
    }

    /// Every value of `name`.
    func all(_ name: String) -> [String] {
        parameters.filter { $0.key == name }.map(\.value)
    }

    /// A flag such as `?passing` or `?recurse`: present and not `false`/`0`.
    func flag(_ name: String) -> Bool {
        guard let value = string(name) else { return false }
        return !["false", "0", "no"].contains(value.lowercased())
    }

    /// An unsigned number (`?cas=`, `?flags=`); throws when present but not a number.
    func unsigned(_ name: String) throws -> UInt64? {
        guard let value = string(name) else { return nil }
        guard let number = UInt64(value) else {
            throw ConsulRegistryError.badRequest("Invalid \(name) value \"\(value)\"")
        }
        return number
    }

    /// The blocking query index, if any.
    var index: UInt64? { string("index").flatMap { UInt64($0) } }

    /// The blocking query wait: `wait` (default 5 min, capped at 10 min) plus up to 1/16 of jitter, as Consul adds.
    func wait() throws -> Duration {
        var wait = ConsulAPI.defaultWait
        if let text = string("wait") {
            guard let parsed = ConsulDuration.parse(text) ?? Int(text).map({ Duration.seconds($0) }) else {
                throw ConsulRegistryError.badRequest("Invalid wait time")
            }
            wait = parsed
        }
        wait = min(max(wait, .zero), ConsulAPI.maxWait)
        let jitterLimit = ConsulDuration.nanoseconds(of: wait / 16)
        let jitter = jitterLimit > 0 ? Int64.random(in: 0...jitterLimit) : 0
        return wait + .nanoseconds(jitter)
    }
}
