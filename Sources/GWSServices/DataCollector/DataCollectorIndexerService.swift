import GWSDiscovery
import Logging
import ServiceLifecycle

/// The Data Collector's indexer as an elected singleton: every instance runs
/// one; only the leader of the `data-collector-indexer` election (a Consul
/// session and lock, ``LeaderElection``) indexes the event stream
/// (``EventStreamIndexer``); the others serve the API and wait.
///
/// - Graceful shutdown: the indexer stops, then the election releases the
///   lock, so another instance takes over at once.
/// - Cancellation (a crash, as far as the others can tell): the indexer stops,
///   nothing is released; another instance takes over once the session's TTL
///   and the lock-delay have passed (at most 12.5 s with the defaults), from
///   the checkpoint.
/// - Registry unreachable: the leader stops indexing when its lease runs out;
///   the stream keeps the events until a leader is elected again.
/// - No registry configured (`election` nil): indexes without an election.
struct DataCollectorIndexerService: Service {
    /// The election's name: the lock is `gws/leader/data-collector-indexer`.
    static let electionName = "data-collector-indexer"

    let leadership: IndexerLeadership
    let election: LeaderElection?
    let logger: Logger

    /// An indexer that campaigns through `consul` (nil: the sole indexer, no election).
    init(
        indexer: EventStreamIndexer, status: IndexerStatus, consul: ConsulClient?,
        configuration: LeaderElectionConfiguration, clock: any DiscoveryClock = SystemDiscoveryClock(), logger: Logger
    ) {
        let leadership = IndexerLeadership(indexer: indexer, status: status, logger: logger)
        self.leadership = leadership
        self.election = consul.map { consul in
            LeaderElection(client: consul, configuration: configuration, clock: clock, logger: logger) { change in
                await leadership.apply(change)
            }
        }
        self.logger = logger
    }

    func run() async throws {
        if let election {
            // Returns after graceful shutdown (having stepped down and released) or cancellation.
            try await election.run()
        } else {
            logger.warning("no Consul URL: the Data Collector indexes the event stream without a leader election")
            await leadership.lead(as: .sole)
            try? await gracefulShutdown()
        }
        // After a cancellation the election reported nothing: stop indexing here.
        await leadership.stop()
    }
}
