import AsyncHTTPClient
import Foundation
import GWSAuth
import GWSDiscovery
import GWSServiceKit
import GWSSpec
import GWSStores
import GWSVoice
import Hummingbird

/// The `datacollector` role: the Data Collector (`/datacollector/v3`): contact
/// search, contact and agent state, kept in the statistics store
/// (Elasticsearch when bound, else the embedded one), and the indexer that
/// files the voice events of the event stream (`gws:stream:events`) there for
/// Statistics: an elected singleton (``DataCollectorIndexerService``), so only
/// one instance indexes while every instance serves the API.
///
/// At startup it prepares the store (indices) in the background, retrying
/// while Elasticsearch is down; the readiness check `statistics-indices`
/// passes once done, and API calls answer 503 until then. The readiness
/// check `indexer` always passes and says leader or follower. Agents' groups
/// come from the Configuration service (found through Consul, called with a
/// service token of subject `gws-platform-datacollector`).
public enum DataCollectorService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("datacollector")
    /// The subject of the service tokens it calls Configuration with.
    static let tokenSubject = "gws-platform-datacollector"

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let http = PeerServiceClient.makeHTTPClient()
        var app = buildApplication(scaffold, directory: makeDirectory(scaffold, http: http))
        app.addServices(HTTPClientService(client: http))
        return app
    }

    /// The application, with agents looked up in `directory`.
    static func buildApplication(
        _ scaffold: ServiceScaffold, directory: any AgentDirectory
    ) -> Application<RouterResponder<GWSRequestContext>> {
        let statistics = scaffold.stores.statistics
        let preparation = StartupRetryService(name: "statistics-indices", logger: scaffold.logger) {
            try await statistics.prepare()
        }
        scaffold.health.addReadinessCheck(preparation.name) { preparation.readinessCheck() }
        let router = scaffold.makeAuthenticatedRouter(openAPI: StatisticsOpenAPI.dataCollector)
        DataCollectorRoutes(statistics: statistics, preparation: preparation).register(on: router)
        var app = scaffold.makeApplication(router: router)
        app.addServices(preparation)
        guard let redis = scaffold.stores.redis else {
            scaffold.logger.warning("no Redis is configured: voice events are not collected for statistics")
            return app
        }
        let status = IndexerStatus(registry: scaffold.metrics)
        scaffold.health.addReadinessCheck("indexer") { status.readinessCheck() }
        // Its own client: the blocking XREAD holds a connection while it waits.
        let streamRedis = RedisClient(configuration: redis.configuration, logger: scaffold.logger)
        let recorder = VoiceEventRecorder(
            statistics: statistics, directory: CachedAgentDirectory(base: directory, logger: scaffold.logger),
            publish: { channel, message in _ = try await redis.publish(message, to: channel) },
            logger: scaffold.logger)
        let indexer = EventStreamIndexer(
            redis: streamRedis, recorder: recorder, checkpoint: IndexerCheckpoint(redis: streamRedis), status: status,
            isPrepared: { preparation.isDone }, logger: scaffold.logger)
        let configuration = scaffold.configuration
        let consul = configuration.consulURL.map {
            ConsulHTTPClient.client(baseURL: $0, token: configuration.consulToken, logger: scaffold.logger)
        }
        let election = LeaderElectionConfiguration(
            name: DataCollectorIndexerService.electionName,
            candidate: "\(configuration.instanceID)@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)")
        let service = DataCollectorIndexerService(
            indexer: indexer, status: status, consul: consul, configuration: election, logger: scaffold.logger)
        // The client first: services stop in reverse order, so it closes after the indexer stopped.
        app.addServices(streamRedis, service)
        return app
    }

    /// The Configuration service through Consul with service tokens; a
    /// directory that knows nobody without a Consul URL or a token key.
    static func makeDirectory(_ scaffold: ServiceScaffold, http: HTTPClient) -> any AgentDirectory {
        guard let consulURL = scaffold.configuration.consulURL else {
            scaffold.logger.warning("no Consul URL: agents' groups cannot be looked up; statistics by group stay empty")
            return EmptyAgentDirectory()
        }
        guard let key = scaffold.loadTokenKey() else { return EmptyAgentDirectory() }
        let consul = ConsulHTTPClient.client(
            baseURL: consulURL, token: scaffold.configuration.consulToken, logger: scaffold.logger)
        let minter = ServiceTokenMinter(signer: TokenSigner(key: key), subject: tokenSubject)
        var client = PeerServiceClient(http: http, locator: ConsulPeerLocator(consul: consul), logger: scaffold.logger)
        client.token = minter.token
        return ConfigurationAgentDirectory(client: client)
    }
}
