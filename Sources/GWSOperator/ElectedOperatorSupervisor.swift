import Foundation
import GWSRuntime
import Logging
import ServiceLifecycle

/// Starts and stops the operator's work as ``RegistryElectedOperator``'s
/// election decides: on `.leader` it takes the state directory's lock,
/// prepares the operator (adopting every running instance) and runs it; on
/// `.follower` it steps the operator down, leaving the instances running, and
/// returns only once it stopped acting.
actor ElectedOperatorSupervisor {
    private var options: OperatorOptions
    private let logger: Logger
    private let onPrepared: @Sendable (PreparedOperator) -> Void
    private var group: ServiceGroup?
    private var acting: Task<Void, Never>?
    private var prepared: PreparedOperator?
    private var leading = false
    private var shuttingDown = false
    /// Why the operator stopped, when it failed.
    private(set) var failure: (any Error)?

    init(options: OperatorOptions, logger: Logger, onPrepared: @escaping @Sendable (PreparedOperator) -> Void) {
        self.options = options
        self.logger = logger
        self.onPrepared = onPrepared
    }

    func attach(_ group: ServiceGroup) { self.group = group }

    /// Elected: start acting (without waiting: the election must keep renewing).
    func lead() {
        guard !shuttingDown, acting == nil else { return }
        leading = true
        acting = Task { await self.act() }
    }

    /// Not (or no longer) elected: stop acting, leave every instance running.
    func follow(leader: String?) async {
        if shuttingDown {
            leading = false
            return
        }
        guard leading else {
            if let leader { logger.info("standing by: another operator leads", metadata: ["leader": "\(leader)"]) }
            return
        }
        leading = false
        logger.warning("lost the operator lock: stepping down, every instance keeps running")
        await stopActing { await $0.stepDownAndLeaveInstances() }
    }

    /// The process is stopping (SIGTERM/SIGINT): stop the operator as a
    /// stopped operator does — its instances with it.
    func shutdown() async {
        shuttingDown = true
        await stopActing { await $0.triggerShutdown() }
    }

    /// A standby whose cluster was stopped on purpose (`<state>/stopped`)
    /// exits, also when the registry is gone and it would never be elected.
    /// (An operator started without `--standby` clears the mark once elected,
    /// so it waits.)
    func exitIfClusterStopped() async -> Bool {
        guard options.standby, !leading, acting == nil, !shuttingDown,
            FileManager.default.fileExists(atPath: ClusterStopped.marker(StateDirectory(path: options.stateDir)).path)
        else { return false }
        shuttingDown = true
        logger.info("not standing by: the cluster was stopped on purpose (gwsctl down or SIGTERM)")
        await group?.triggerGracefulShutdown()
        return true
    }

    private func stopActing(_ stop: (PreparedOperator) async -> Void) async {
        guard let acting else { return }
        if let prepared { await stop(prepared) } else { acting.cancel() }
        await acting.value
    }

    private func act() async {
        let state = StateDirectory(path: options.stateDir)
        let path = state.root.path
        do {
            let logger = self.logger
            let lock = try await OperatorLock.waitForLock(state: state) {
                logger.info("elected: waiting for the previous operator of the state directory to stop acting")
            }
            guard leading, !shuttingDown else { return finish() }
            logger.info("elected: acting as the operator of the state directory", metadata: ["stateDir": "\(path)"])
            let prepared = try await OperatorRunner.prepare(options: options, heldLock: lock, logger: logger)
            guard leading, !shuttingDown else { return finish() }  // lost the lock while preparing: it never ran
            self.prepared = prepared
            onPrepared(prepared)
            // Later terms take over the values applied last, as a standby does.
            options.request = ApplyRequest()
            options.standby = true
            try await prepared.run()
        } catch is CancellationError {
        } catch let stopped as ClusterStopped {
            logger.info("not taking over: \(stopped)")
        } catch {
            if leading && !shuttingDown {
                failure = error
                logger.error("the operator failed", metadata: ["error": "\(error)"])
            }
        }
        finish()
    }

    /// The operator stopped acting. When nobody asked it to (`gwsctl down`,
    /// `step-down`, a failure), the process ends: the election resigns.
    private func finish() {
        prepared = nil
        acting = nil
        guard leading, !shuttingDown else { return }
        leading = false
        shuttingDown = true
        let group = self.group
        Task { await group?.triggerGracefulShutdown() }
    }
}
