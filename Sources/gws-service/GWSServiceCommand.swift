import ArgumentParser
import GWSProxy
import GWSServiceKit
import GWSServices

/// `gws-service <role>`: runs one GWS service role. The operator starts it with
/// the environment described by `ServiceEnvironmentKeys`. The entry point is
/// ``GWSServiceMain``.
struct GWSServiceCommand: AsyncParsableCommand {
    /// Every role, in catalog order (the proxy last).
    static var roles: [any GWSRoleService.Type] {
        GWSServiceRoles.all + [ProxyService.self]
    }

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "gws-service",
            abstract: "Runs one Genesys Web Services role.",
            discussion: """
                Configuration comes from GWS_* environment variables (GWS_PORT, GWS_HOST, \
                GWS_INSTANCE_ID, GWS_CONSUL_URL, …); --port and --host override them. \
                The bound address is printed as 'listening on http://<host>:<port>'.
                """,
            subcommands: roles.map { roleCommand(for: $0) })
    }

    /// The subcommand type of one role.
    static func roleCommand<Role: GWSRoleService>(for role: Role.Type) -> any ParsableCommand.Type {
        RoleCommand<Role>.self
    }
}
