import Logging
import ServiceLifecycle

/// Runs one gws-service process: the role's services (HTTP application first)
/// and the Consul registrar in one `ServiceGroup` that shuts down gracefully
/// on SIGTERM and SIGINT, in reverse order (deregister first, then stop serving).
public struct ServiceRunner: Sendable {
    public let scaffold: ServiceScaffold
    /// Whether SIGTERM/SIGINT trigger graceful shutdown (off in tests).
    public var handlesSignals: Bool

    public init(scaffold: ServiceScaffold, handlesSignals: Bool = true) {
        self.scaffold = scaffold
        self.handlesSignals = handlesSignals
    }

    /// The group's service list: `services`, then the registrar when Consul is configured.
    public func services(_ services: [any Service]) -> [any Service] {
        services + [scaffold.makeRegistrar()].compactMap { $0 }
    }

    /// Builds the service group without running it (tests trigger its shutdown).
    public func makeServiceGroup(_ services: [any Service]) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(
            services: self.services(services),
            gracefulShutdownSignals: handlesSignals ? [.sigterm, .sigint] : [],
            logger: scaffold.logger)
        configuration.maximumGracefulShutdownDuration = scaffold.configuration.shutdownGracePeriod
        configuration.maximumCancellationDuration = .seconds(5)
        return ServiceGroup(configuration: configuration)
    }

    /// Runs until shutdown.
    public func run(_ services: [any Service]) async throws {
        scaffold.logger.info(
            "starting",
            metadata: [
                "service": "\(scaffold.configuration.serviceName)",
                "version": "\(GWSVersion.version)",
                "consul": "\(scaffold.configuration.consulURL ?? "none")",
            ])
        try await makeServiceGroup(services).run()
        scaffold.logger.info("stopped")
    }
}
