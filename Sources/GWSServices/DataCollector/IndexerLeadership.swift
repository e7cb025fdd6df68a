import GWSDiscovery
import Logging

/// Starts the ``EventStreamIndexer`` when this instance becomes the leader and
/// stops it when it is not any more: ``follow(leader:)`` returns only once the
/// indexer has stopped (the contract of ``LeaderElection``'s callback), so the
/// registry lock is never handed on while this instance still records.
actor IndexerLeadership {
    private let indexer: EventStreamIndexer
    private let status: IndexerStatus
    private let logger: Logger
    private var task: Task<Void, Never>?

    init(indexer: EventStreamIndexer, status: IndexerStatus, logger: Logger) {
        self.indexer = indexer
        self.status = status
        self.logger = logger
    }

    /// Applies a report of the election.
    func apply(_ leadership: Leadership) async {
        switch leadership {
        case .leader: lead(as: .leader)
        case .follower(let leader): await follow(leader: leader)
        }
    }

    /// Starts indexing (no-op when already indexing).
    func lead(as role: IndexerStatus.Role) {
        status.set(role)
        guard task == nil else { return }
        logger.info(
            role == .sole
                ? "indexing the event stream (no registry: sole indexer, no election)"
                : "elected indexer leader: indexing the event stream")
        let indexer = self.indexer
        task = Task { await indexer.run() }
    }

    /// Stops indexing and waits until the indexer has stopped.
    func follow(leader: String?) async {
        if let task {
            task.cancel()
            await task.value
            self.task = nil
            logger.info("no longer the indexer leader: stopped indexing the event stream")
        }
        status.set(.follower(leader: leader))
        logger.debug("indexer follower", metadata: ["leader": "\(leader ?? "none")"])
    }

    /// Stops indexing (at shutdown, whatever the election said last).
    func stop() async {
        guard let task else { return }
        task.cancel()
        await task.value
        self.task = nil
        status.set(.follower(leader: nil))
        logger.info("stopped indexing the event stream")
    }
}
