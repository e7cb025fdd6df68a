import AsyncHTTPClient
import GWSServiceKit
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOPosix
import ServiceLifecycle

/// The proxy process assembled: upstream directory fed by an
/// ``UpstreamSource``, an HTTP listener, an optional HTTPS listener, and the
/// HTTP client they forward with. Build it with a fake source in tests.
public struct ProxyServer: Sendable {
    public let scaffold: ServiceScaffold
    public let configuration: ProxyConfiguration
    public let directory: UpstreamDirectory
    /// Published once the HTTPS listener listens (never without TLS).
    public let tlsListening: ListeningAddress
    let source: any UpstreamSource
    let tlsConfiguration: TLSConfiguration?
    let client: HTTPClient
    let now: @Sendable () -> ContinuousClock.Instant

    /// Loads the TLS files and creates the upstream HTTP client; run every
    /// service of ``makeServices()`` so that client is shut down.
    ///
    /// - Parameter now: the clock ejections are measured with (tests may pass their own).
    /// - Throws: when the TLS certificate or key cannot be loaded.
    public init(
        scaffold: ServiceScaffold,
        configuration: ProxyConfiguration,
        source: any UpstreamSource,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) throws {
        self.tlsConfiguration = try configuration.tls?.makeServerConfiguration()
        self.scaffold = scaffold
        self.configuration = configuration
        self.source = source
        self.now = now
        self.directory = UpstreamDirectory(
            services: configuration.routes.services, ejectionDuration: configuration.ejectionDuration)
        self.tlsListening = ListeningAddress()
        self.client = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: Self.clientConfiguration(configuration))
        let directory = directory
        scaffold.health.addReadinessCheck("discovery") {
            let unheard = directory.unheardServices
            return unheard.isEmpty
                ? .ok : .failed("no answer from discovery yet for \(unheard.joined(separator: ", "))")
        }
    }

    /// The services to run, in start order: the HTTP client (stopped last),
    /// the upstream watch, the HTTP listener and, with TLS, the HTTPS listener.
    public func makeServices() throws -> [any Service] {
        var services: [any Service] = [
            HTTPClientService(client: client),
            UpstreamWatchService(
                directory: directory, source: source, services: configuration.routes.services, logger: scaffold.logger),
            scaffold.makeApplication(router: makeRouter(scheme: "http")),
        ]
        if let tls = configuration.tls, let tlsConfiguration {
            let server = try HTTPServerBuilder.tls(.http1(), tlsConfiguration: tlsConfiguration)
            services.append(
                scaffold.makeApplication(
                    router: makeRouter(scheme: "https"), server: server, port: tls.port, listening: tlsListening,
                    scheme: "https"))
        }
        return services
    }

    /// The standard router (health, metrics, `/proxy/v3/version`) with the
    /// forwarding middleware after the proxy's own endpoints.
    func makeRouter(scheme: String) -> Router<GWSRequestContext> {
        let router = scaffold.makeRouter()
        router.add(
            middleware: ProxyMiddleware(
                routes: configuration.routes,
                directory: directory,
                forwarder: ProxyForwarder(client: client, timeout: configuration.upstreamTimeout),
                retryPolicy: RetryPolicy(maxRetries: configuration.maxRetries),
                metrics: ProxyMetrics(registry: scaffold.metrics),
                maxBodySize: configuration.maxBodySize,
                scheme: scheme,
                now: now))
        return router
    }

    /// Upstream client: no redirects followed, no decompression, fail fast on
    /// refused connections (the proxy retries elsewhere), large pools: every
    /// agent holds a CometD long poll, so one Workspace instance needs a
    /// connection per connected agent (512 capped an instance at ~510 agents).
    static func clientConfiguration(_ configuration: ProxyConfiguration) -> HTTPClient.Configuration {
        let connect = configuration.connectTimeout.components
        var pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 4096)
        pool.retryConnectionEstablishment = false
        var client = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .nanoseconds(connect.seconds * 1_000_000_000 + connect.attoseconds / 1_000_000_000)),
            connectionPool: pool,
            decompression: .disabled)
        client.httpVersion = .http1Only
        return client
    }
}
