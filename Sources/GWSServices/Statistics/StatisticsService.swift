import Foundation
import GWSAuth
import GWSCometD
import GWSServiceKit
import GWSSpec
import GWSStores
import Hummingbird
import ServiceLifecycle

/// The `statistics` role: the Statistics API (`/statistics/v3`, see
/// ``StatisticsRoutes``) and its CometD notifications
/// (`/statistics/v3/notifications`, see ``StatisticsNotifications``).
///
/// Values are computed from the statistics store the Data Collector fills
/// from the voice events (Elasticsearch when bound, else the embedded one,
/// which only this process sees). Subscriptions live in Redis, so any
/// instance serves any of them; every instance listens to `gws:stats:*` and
/// pushes changed values to the owners with CometD clients on it.
///
/// Readiness: `statistics-indices` (the store is prepared) and, with Redis,
/// `statistics-bus` (`gws:stats:*` is subscribed). The OpenAPI document is
/// served publicly at `/statistics/v3/openapi.json` (``StatisticsOpenAPI``).
public enum StatisticsService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("statistics")

    /// The process's services: the application, then the CometD server (so
    /// that it stops first on shutdown, releasing the held connects the
    /// application would otherwise wait for).
    public static func makeServices(_ scaffold: ServiceScaffold) throws -> [any Service] {
        let (app, cometD) = build(scaffold, cometD: CometDConfiguration(path: StatisticsNotifications.path))
        return [app, cometD]
    }

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        buildApplication(scaffold, cometD: CometDConfiguration(path: StatisticsNotifications.path))
    }

    /// The application with the given CometD timings, running its CometD server as one of its services.
    static func buildApplication(
        _ scaffold: ServiceScaffold, cometD: CometDConfiguration
    ) -> Application<RouterResponder<GWSRequestContext>> {
        var (app, server) = build(scaffold, cometD: cometD)
        app.addServices(server)
        return app
    }

    /// The application (with its other services) and its CometD server.
    private static func build(
        _ scaffold: ServiceScaffold, cometD: CometDConfiguration
    ) -> (Application<RouterResponder<GWSRequestContext>>, CometDServer) {
        let logger = scaffold.logger
        let verifier = scaffold.loadTokenVerifier()
        let notifications = StatisticsNotifications(configuration: cometD, verifier: verifier, logger: logger)
        // CometD authenticates its own handshakes (header or ext), so it comes before the bearer middleware.
        let router = scaffold.makeRouter(openAPI: StatisticsOpenAPI.statistics)
        notifications.server.register(on: router)
        router.add(middleware: AuthBearerMiddleware<GWSRequestContext>(verifier: verifier))

        let statistics = scaffold.stores.statistics
        let preparation = StartupRetryService(name: "statistics-indices", logger: logger) {
            try await statistics.prepare()
        }
        scaffold.health.addReadinessCheck(preparation.name) { preparation.readinessCheck() }
        let calculator = StatisticsCalculator(statistics: statistics)
        let subscriptions = scaffold.stores.redis.map { StatisticsSubscriptionStore(redis: $0) }
        var routes = StatisticsRoutes(calculator: calculator, subscriptions: subscriptions, preparation: preparation)

        var services: [any Service] = [preparation]
        if let redis = scaffold.stores.redis, let subscriptions {
            let subscriber = RedisSubscriber(configuration: redis.configuration, logger: logger)
            let bus = BusSubscription(
                name: "statistics-bus", pattern: StatisticsChange.busPattern, subscriber: subscriber, logger: logger)
            scaffold.health.addReadinessCheck(bus.name) { bus.readinessCheck() }
            let updater = StatisticsUpdater(
                calculator: calculator, subscriptions: subscriptions, notifications: notifications, logger: logger)
            routes.onDelete = { tenant, id in updater.forget(tenant: tenant, subscriptionId: id) }
            // The subscriber first: services stop in reverse order, so it closes after its consumer.
            services += [subscriber, StatisticsNotifier(bus: bus, updater: updater, logger: logger)]
        } else {
            logger.warning("no Redis is configured: statistics subscriptions and updates are unavailable")
        }
        routes.register(on: router)
        var app = scaffold.makeApplication(router: router)
        app.addServices(services)
        return (app, notifications.server)
    }
}
