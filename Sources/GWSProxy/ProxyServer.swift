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
    /// the upstream watch, the probe listener (with `GWS_PROXY_PROBE_PORT`), the
    /// HTTP listener and, with TLS, the HTTPS listener. The public listeners
    /// share their ports with the other proxy instances (``SharedPortServer``)
    /// and drain first on shutdown.
    public func makeServices() throws -> [any Service] {
        var services: [any Service] = [
            HTTPClientService(client: client),
            UpstreamWatchService(
                directory: directory, source: source, services: configuration.routes.services, logger: scaffold.logger),
        ]
        if let probePort = configuration.probePort {
            services.append(
                scaffold.makeApplication(
                    router: scaffold.makeRouter(), port: probePort, listening: ListeningAddress(), announce: false))
        }
        let scaffold = self.scaffold
        let http = OpenConnections()
        services.append(
            SharedPortServer(
                host: scaffold.configuration.host, port: scaffold.configuration.port,
                child: HTTP1Channel(responder: Self.responder(makeRouter(scheme: "http"), http, scaffold.logger)),
                connections: http, logger: scaffold.logger
            ) { port in
                scaffold.announceListening(
                    port: port, on: scaffold.listening, scheme: "http", announce: scaffold.announcesListening)
            })
        if let tls = configuration.tls, let tlsConfiguration {
            let https = OpenConnections()
            let tlsListening = self.tlsListening
            let child = try TLSChannel(
                HTTP1Channel(responder: Self.responder(makeRouter(scheme: "https"), https, scaffold.logger)),
                tlsConfiguration: tlsConfiguration)
            services.append(
                SharedPortServer(
                    host: scaffold.configuration.host, port: tls.port, child: child, connections: https,
                    logger: scaffold.logger
                ) { port in
                    scaffold.announceListening(
                        port: port, on: tlsListening, scheme: "https", announce: scaffold.announcesListening)
                })
        }
        return services
    }

    /// Answers with `router` as an `Application` would; while the listener
    /// drains, every response carries `Connection: close`.
    static func responder(
        _ router: Router<GWSRequestContext>, _ connections: OpenConnections, _ logger: Logger
    ) -> HTTPChannelHandler.Responder {
        let routerResponder = router.buildResponder()
        return { (request, writer: consuming ResponseWriter, channel) in
            let context = GWSRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await routerResponder.respond(to: request, context: context)
            } catch {
                logger.debug("unhandled error", metadata: ["error": "\(error)"])
                response = Response(status: .internalServerError)
            }
            if connections.draining { response.headers[.connection] = "close" }
            try await writer.write(response: response.head, body: response.body)
        }
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
