import GWSAuth
import GWSCometD
import GWSServiceKit
import GWSSpec
import GWSStores
import GWSVoice
import Hummingbird

/// The `workspace` role: the Workspace API (`/workspace/v3`) for the agent
/// desktop, with CometD notifications at `/workspace/v3/notifications`.
///
/// Sessions and the agents' voice state live in Redis, so any instance serves
/// any agent; their sliding timeout is `GWS_WORKSPACE_session_timeoutSeconds`
/// (default 1800; a bad value fails at startup). Users and places come from
/// the Configuration service (found through Consul) with the caller's token.
/// Every instance relays the event bus to its own CometD clients.
public enum WorkspaceService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("workspace")

    public static func buildApplication(_ scaffold: ServiceScaffold) throws -> some ApplicationProtocol {
        try buildApplication(scaffold, locator: scaffold.peerLocator(for: configurationServiceName))
    }

    /// The application with Configuration found by `locator`.
    static func buildApplication(
        _ scaffold: ServiceScaffold, locator: any PeerServiceLocator,
        cometd: CometDConfiguration = CometDConfiguration(path: WorkspaceNotifications.path)
    ) throws -> Application<RouterResponder<GWSRequestContext>> {
        let timeout = try SessionStore.sessionTimeout(from: scaffold.configuration.contextEnv)
        let redis = scaffold.stores.redis
        let http = PeerServiceClient.makeHTTPClient()
        let context = WorkspaceContext(
            sessions: redis.map { SessionStore(redis: $0, sessionTimeoutSeconds: timeout) },
            voice: redis.map { VoiceController(redis: $0, logger: scaffold.logger) },
            directory: WorkspaceUserDirectory(
                configuration: PeerServiceClient(http: http, locator: locator, logger: scaffold.logger)))
        let verifier = scaffold.loadTokenVerifier()
        let notifications = WorkspaceNotifications.makeServer(
            context: context, verifier: verifier, logger: scaffold.logger, configuration: cometd)

        let router = scaffold.makeRouter(openAPI: WorkspaceOpenAPI.document)
        notifications.register(on: router)  // authenticated by the session cookie or a token, see WorkspaceNotifications
        router.add(middleware: AuthBearerMiddleware<GWSRequestContext>(verifier: verifier))
        WorkspaceRoutes(context: context).register(on: router)
        WorkspaceVoiceRoutes(context: context).register(on: router)

        var app = scaffold.makeApplication(router: router)
        app.addServices(HTTPClientService(client: http))
        if let redis {
            let subscriber = RedisSubscriber(configuration: redis.configuration, logger: scaffold.logger)
            let bus = BusSubscription(
                name: "event-bus", pattern: AgentNotification.busPattern, subscriber: subscriber, logger: scaffold.logger)
            // The subscriber first: services stop in reverse order, so it closes after its consumer.
            app.addServices(subscriber, WorkspaceEventPump(bus: bus, server: notifications, logger: scaffold.logger))
        }
        // After the app: stopped first on shutdown, so held long-polls are released before the server drains.
        app.addServices(notifications)
        return app
    }
}
