import ArgumentParser
import Foundation
import GWSServiceKit
import Logging

/// `gws-service <role> [--port N] [--host H]`: bootstraps logging and metrics
/// once, reads the environment and runs the role until SIGTERM/SIGINT.
struct RoleCommand<Role: GWSRoleService>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        let role = Role.descriptor
        return CommandConfiguration(
            commandName: role.role,
            abstract: role.summary,
            discussion: """
                Consul service: \(role.serviceName); base paths: \(role.basePaths.joined(separator: ", ")); \
                role variables: GWS_\(role.envSegment)_*.
                """)
    }

    @Option(help: "Port to listen on; overrides GWS_PORT (0: any free port).")
    var port: Int?

    @Option(help: "Address to bind; overrides GWS_HOST (default 127.0.0.1).")
    var host: String?

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        ProcessBootstrap.bootstrapLogging(environment: environment)
        let registry = ProcessBootstrap.bootstrapMetrics()
        var configuration = try ServiceConfiguration.fromEnvironment(role: Role.descriptor, environment: environment)
        if let port { configuration.port = port }
        if let host { configuration.host = host }
        let logger = Logger(label: "gws-service")
        let stores = try StoreConnections.fromEnvironment(environment, logger: logger)
        let scaffold = ServiceScaffold(
            configuration: configuration, logger: logger, metrics: registry, stores: stores)
        stores.addReadinessChecks(to: scaffold.health)
        let services = try Role.makeServices(scaffold)
        // Store clients first: they stop last, after the server has drained.
        try await ServiceRunner(scaffold: scaffold).run(stores.services + services)
    }
}
