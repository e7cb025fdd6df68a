import Foundation
import GWSDiscovery
import GWSRuntime
import GWSSpec
import Logging
import ServiceLifecycle

/// Where operators elect their leader: the external registry the spec binds
/// (`consul.address`), under `<consul.kv_prefix>/leader/operator-<deployment>`.
public struct OperatorElectionSettings: Sendable, Equatable {
    public var registryURL: String
    public var deployment: String
    public var keyPrefix: String

    public var electionName: String { "operator-\(deployment)" }
}

/// Local mode's operator HA through the registry (issue 5, item 5).
///
/// When the spec binds an external Consul-compatible registry (a real Consul,
/// or `gws-operator registry` run on its own), every operator of a deployment
/// campaigns for the lock `<prefix>/leader/operator-<deployment>` with
/// ``LeaderElection`` (session TTL 10 s, lock-delay 2 s). Only the elected one
/// acts: it takes the state directory's `flock` (waiting while the previous
/// operator is still exiting), adopts every running instance and reconciles.
///
/// - The leader crashes: its session expires (TTL) and, after the lock-delay,
///   the standby is elected — at most ~12.5 s.
/// - The leader steps down (`gwsctl step-down`) or is stopped: it releases the
///   lock before exiting; the standby, following the key with a blocking
///   query, is elected at once.
/// - The leader loses its lease (the registry unreachable for a TTL, or the
///   process paused): it steps down, leaving every instance running, and
///   campaigns again. The `flock` fences it: a new leader cannot act on the
///   state directory until the old one stopped acting.
///
/// With the embedded registry (the default) the registry lives inside the
/// leader and would vanish with it, so operators there elect with the `flock`
/// alone (``OperatorLock``).
public enum RegistryElectedOperator {
    /// The registry to elect through, or nil when the spec uses the embedded
    /// registry. A standby waits until an operator applied values in the state
    /// directory (they name the registry). Spec errors throw ``SpecErrors``.
    public static func settings(for options: OperatorOptions, logger: Logger) async throws -> OperatorElectionSettings? {
        let state = StateDirectory(path: options.stateDir)
        if options.standby, AppliedValuesStore.read(state) == nil {
            logger.info("standing by: no operator applied values in this state directory yet")
            while AppliedValuesStore.read(state) == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        let loaded = try AppliedValuesStore.load(options.request, state)
        guard let url = loaded.spec.consul.externalURL else { return nil }
        return OperatorElectionSettings(registryURL: url, deployment: loaded.name, keyPrefix: loaded.spec.consul.kvPrefix)
    }

    /// Campaigns, acts while elected, and returns when the operator stopped
    /// (SIGTERM/SIGINT, `gwsctl down` or `step-down`), having released the
    /// lock. `onPrepared` is called each time this operator starts acting.
    public static func run(
        options: OperatorOptions, settings: OperatorElectionSettings, logger: Logger,
        onPrepared: @escaping @Sendable (PreparedOperator) -> Void = { _ in }
    ) async throws {
        let state = StateDirectory(path: options.stateDir)
        try state.create()
        if !options.standby {
            // Fail at once, as without a registry, when an operator acts on this state directory.
            _ = try OperatorLock(state: state)
        }
        var inner = options
        inner.handlesSignals = false
        let supervisor = ElectedOperatorSupervisor(options: inner, logger: logger, onPrepared: onPrepared)
        let candidate = "gws-operator@\(ProcessInfo.processInfo.hostName):\(getpid())"
        let election = LeaderElection(
            client: ConsulClient(baseURL: settings.registryURL, logger: logger),
            configuration: LeaderElectionConfiguration(
                name: settings.electionName, candidate: candidate, keyPrefix: settings.keyPrefix),
            logger: logger
        ) { leadership in
            switch leadership {
            case .leader: await supervisor.lead()
            case .follower(let leader): await supervisor.follow(leader: leader)
            }
        }
        logger.info(
            "campaigning for the operator lock in the registry",
            metadata: [
                "registry": "\(settings.registryURL)", "key": "\(election.configuration.key)", "candidate": "\(candidate)",
            ])
        let group = ServiceGroup(
            configuration: .init(
                services: [election, SupervisorShutdown(supervisor: supervisor)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        await supervisor.attach(group)
        try await group.run()
        if let failure = await supervisor.failure { throw failure }
    }
}

/// Stops the acting operator first when the process shuts down (it is last
/// in the group, so it shuts down before the election resigns); meanwhile,
/// every second, ends a standby whose cluster was stopped on purpose.
struct SupervisorShutdown: Service {
    let supervisor: ElectedOperatorSupervisor

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if await supervisor.exitIfClusterStopped() { return }
            }
        }
        try? await gracefulShutdown()
        await supervisor.shutdown()
    }
}
