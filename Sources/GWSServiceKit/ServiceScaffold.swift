import Foundation
import GWSDiscovery
import Hummingbird
import HummingbirdCore
import Logging
import Prometheus

/// What every role builds on: its configuration, logger, metrics registry,
/// health checks and the address its server listens on, with the standard
/// router and application built from them.
///
/// ```swift
/// let router = scaffold.makeRouter()          // /livez /readyz /health /metrics <base>/version
/// router.get("/workspace/v3/things") { … }
/// let app = scaffold.makeApplication(router: router)
/// try await ServiceRunner(scaffold: scaffold).run([app])
/// ```
public struct ServiceScaffold: Sendable {
    /// The process configuration.
    public let configuration: ServiceConfiguration
    /// The logger, with `role` and `instance` metadata.
    public let logger: Logger
    /// Where metrics are recorded and `/metrics` reads them.
    public let metrics: PrometheusCollectorRegistry
    /// Liveness and readiness checks (`ping` included).
    public let health: HealthChecks
    /// Published once the main (HTTP) server listens.
    public let listening: ListeningAddress
    /// Whether servers print `listening on <scheme>://<host>:<port>` on stdout.
    public var announcesListening: Bool
    /// The backing stores the operator bound this process to.
    public let stores: StoreConnections

    public init(
        configuration: ServiceConfiguration,
        logger: Logger,
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        health: HealthChecks = HealthChecks(),
        announcesListening: Bool = true,
        stores: StoreConnections = .none
    ) {
        var logger = logger
        logger[metadataKey: "role"] = .string(configuration.role.role)
        logger[metadataKey: "instance"] = .string(configuration.instanceID)
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.health = health
        self.listening = ListeningAddress()
        self.announcesListening = announcesListening
        self.stores = stores
    }

    /// A router with the standard middleware (request metrics, GWS error
    /// envelopes) and endpoints: `/livez`, `/readyz`, `/health`, `/metrics` and
    /// `GET <basePath>/version` for every base path of the role.
    ///
    /// - Parameter openAPI: the role's API description, served (public) at
    ///   `GET <basePath>/openapi.json` when given.
    public func makeRouter(openAPI: OpenAPIDocument? = nil) -> Router<GWSRequestContext> {
        let router = Router(context: GWSRequestContext.self)
        router.add(middleware: HTTPMetricsMiddleware(registry: metrics))
        router.add(middleware: GWSErrorMiddleware())
        router.addHealthRoutes(health)
        router.addMetricsRoute(registry: metrics)
        router.addVersionRoutes(configuration: configuration)
        if let openAPI { router.addOpenAPIRoute(openAPI) }
        return router
    }

    /// An application serving `router` on the configured host.
    ///
    /// - Parameters:
    ///   - server: the channel setup (`.http1()`, or `.tls(…)` for HTTPS).
    ///   - port: the port to bind; the configured one by default.
    ///   - listening: where to publish the bound port; ``listening`` by default.
    ///   - scheme: the scheme printed in the `listening on` line.
    public func makeApplication(
        router: Router<GWSRequestContext>,
        server: HTTPServerBuilder = .http1(),
        port: Int? = nil,
        listening: ListeningAddress? = nil,
        scheme: String = "http",
        announce: Bool? = nil
    ) -> Application<RouterResponder<GWSRequestContext>> {
        let listening = listening ?? self.listening
        let announce = announce ?? announcesListening
        return Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: port ?? configuration.port)),
            onServerRunning: { [self] channel in
                announceListening(port: channel.localAddress?.port ?? 0, on: listening, scheme: scheme, announce: announce)
            },
            logger: logger)
    }

    /// Publishes a bound port: `listening`, the log, and (when `announce`) the
    /// `listening on <url>` line on stdout that the operator and tests read.
    public func announceListening(port bound: Int, on listening: ListeningAddress, scheme: String, announce: Bool) {
        listening.bind(port: bound)
        let host = configuration.host
        let url = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
        logger.info("listening", metadata: ["url": "\(url)"])
        if announce {
            FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
        }
    }

    /// The Consul registrar of this instance, or nil when no Consul URL is configured.
    public func makeRegistrar() -> ConsulRegistrar? {
        guard let consulURL = configuration.consulURL else { return nil }
        let client = ConsulHTTPClient.client(baseURL: consulURL, token: configuration.consulToken, logger: logger)
        return ConsulRegistrar(
            configuration: configuration, client: client, listening: listening, health: health, logger: logger)
    }
}
