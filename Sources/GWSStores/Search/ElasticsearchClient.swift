import AsyncHTTPClient
import Logging

/// A client of the Elasticsearch REST API (also OpenSearch and osmem-server),
/// on AsyncHTTPClient. Every failure is an ``ElasticsearchError``.
///
/// Operations live in extensions by concern: `+Indices` (create, delete,
/// refresh, ping), `+Documents` (index, get, delete, bulk), `+Search`
/// (search, count, aggregations).
public struct ElasticsearchClient: Sendable, CustomStringConvertible {
    /// An HTTP client that fails at once when the server refuses connections
    /// (the default pool retries them until the request's deadline), with a
    /// 2-second connect timeout. Never shut down, like `HTTPClient.shared`.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(5)))
        configuration.connectionPool.retryConnectionEstablishment = false
        // Many concurrent requests to one server must not queue behind the
        // default 8 connections per host and time out waiting for the pool.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Where the server is and how to log in (no password inside).
    public let configuration: ElasticsearchConfiguration
    let httpClient: HTTPClient
    let logger: Logger
    let authorization: Secret?

    /// Makes a client; reads the password file now when one is configured.
    /// - Parameters:
    ///   - configuration: the server and credentials.
    ///   - httpClient: the HTTP client to use; the caller owns its lifetime.
    ///   - logger: requests are logged at `debug` (method, path, status; never headers).
    public init(
        configuration: ElasticsearchConfiguration,
        httpClient: HTTPClient = ElasticsearchClient.sharedHTTPClient,
        logger: Logger
    ) throws(ElasticsearchError) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        self.authorization = try configuration.authorizationHeader()
    }

    public var description: String { "ElasticsearchClient(\(configuration.redactedURL))" }
}

extension ElasticsearchClient: CustomReflectable {
    /// Only the configuration shows in `dump` and the debugger.
    public var customMirror: Mirror { Mirror(self, children: ["configuration": configuration]) }
}
