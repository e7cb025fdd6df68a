import GWSDiscovery
import Logging
import ServiceLifecycle

/// Registers this instance with Consul once its HTTP server listens, keeps the
/// registration present, and deregisters on graceful shutdown (SIGTERM/SIGINT).
///
/// While Consul is unreachable it retries with backoff. Every `resyncInterval`
/// it checks that Consul still knows the instance (an embedded registry
/// restarted with the operator forgets it) and registers it again if not.
/// Place it after the application in a `ServiceGroup`, so it stops first.
public struct ConsulRegistrar: Service {
    let configuration: ServiceConfiguration
    let client: ConsulClient
    let listening: ListeningAddress
    let health: HealthChecks
    let logger: Logger
    /// How often the registration is checked.
    public var resyncInterval: Duration = .seconds(10)
    /// How long deregistration may take at shutdown.
    public var deregisterTimeout: Duration = .seconds(2)
    /// How long the instance keeps serving after it deregistered at shutdown,
    /// so that the proxy's blocking query sees it leave before the listener
    /// closes (Kubernetes' preStop sleep). The group stops the registrar
    /// first, so the HTTP server keeps answering meanwhile.
    public var drainDelay: Duration = .milliseconds(500)

    public init(
        configuration: ServiceConfiguration,
        client: ConsulClient,
        listening: ListeningAddress,
        health: HealthChecks,
        logger: Logger
    ) {
        self.configuration = configuration
        self.client = client
        self.listening = listening
        self.health = health
        self.logger = logger
    }

    public func run() async throws {
        let port: Int
        do {
            port = try await cancelWhenGracefulShutdown { [listening] in try await listening.waitForPort() }
        } catch {
            return  // stopped before the server listened: nothing to register
        }
        switch await registerUntilDone(port: port) {
        case .registered:
            await keepRegistered(port: port)
            await deregister()
            try? await Task.sleep(for: drainDelay)
        case .stopped(let mayBeRegistered):
            if mayBeRegistered { await deregister() }
        }
    }

    /// How a registration loop ended.
    private enum Outcome {
        case registered
        /// Shutdown came first; a call cut short by it may still have registered.
        case stopped(mayBeRegistered: Bool)
    }

    /// Until shutdown, checks every `resyncInterval` that Consul still lists
    /// the instance, and registers it again when not.
    private func keepRegistered(port: Int) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { [resyncInterval] in try await Task.sleep(for: resyncInterval) }
            } catch {
                return
            }
            if await !isStillRegistered() {
                logger.warning("Consul no longer lists this instance; registering again")
                guard case .registered = await registerUntilDone(port: port) else { return }
            }
        }
    }

    /// Registers, retrying with backoff, until it succeeds or shutdown comes.
    private func registerUntilDone(port: Int) async -> Outcome {
        var backoff = RetryBackoff()
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let ready = await health.report(.readiness).passed
            let registration = Self.registration(for: configuration, port: port, initiallyPassing: ready)
            do {
                try await cancelWhenGracefulShutdown { [client] in try await client.register(registration) }
                logger.info(
                    "registered with Consul",
                    metadata: ["service": "\(registration.name)", "id": "\(registration.id)", "port": "\(port)"])
                return .registered
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled {
                    return .stopped(mayBeRegistered: true)
                }
                let delay = backoff.next()
                failures += 1
                let metadata: Logger.Metadata = ["error": "\(error)", "retry.in": "\(delay.wholeMilliseconds)ms"]
                // The first failure is worth a warning; the retries that follow are not.
                if failures == 1 {
                    logger.warning("Consul registration failed; retrying", metadata: metadata)
                } else {
                    logger.debug("Consul registration failed; retrying", metadata: metadata)
                }
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                } catch {
                    return .stopped(mayBeRegistered: false)
                }
            }
        }
        return .stopped(mayBeRegistered: false)
    }

    /// Whether Consul lists this instance; true when Consul cannot be asked
    /// (a failed read is no reason to re-register).
    private func isStillRegistered() async -> Bool {
        do {
            let result = try await cancelWhenGracefulShutdown { [client, configuration] in
                try await client.healthyInstances(of: configuration.serviceName, passingOnly: false)
            }
            return result.value.contains { $0.id == configuration.instanceID }
        } catch {
            return true
        }
    }

    /// Deregisters, giving up after `deregisterTimeout` (Consul drops a
    /// critical instance later anyway).
    private func deregister() async {
        let id = configuration.instanceID
        do {
            try await withThrowingTaskGroup(of: Bool.self) { [client, deregisterTimeout] group in
                group.addTask {
                    try await client.deregister(serviceID: id)
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: deregisterTimeout)
                    return false
                }
                let done = try await group.next() ?? false
                group.cancelAll()
                if !done {
                    logger.warning("Consul deregistration timed out", metadata: ["id": "\(id)"])
                } else {
                    logger.info("deregistered from Consul", metadata: ["id": "\(id)"])
                }
            }
        } catch {
            logger.warning("Consul deregistration failed", metadata: ["id": "\(id)", "error": "\(error)"])
        }
    }
}
