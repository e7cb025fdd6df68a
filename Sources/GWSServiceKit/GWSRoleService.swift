import GWSSpec
import Hummingbird
import ServiceLifecycle

/// One `gws-service` role: which catalog entry it implements and the
/// long-running services it runs (its HTTP application first). The runner
/// adds Consul registration.
public protocol GWSRoleService {
    /// The role's catalog entry.
    static var descriptor: RoleDescriptor { get }
    /// Builds the role's services from the scaffold (adding its health checks to it).
    static func makeServices(_ scaffold: ServiceScaffold) throws -> [any Service]
}

/// A role that is one HTTP application.
public protocol GWSApplicationRole: GWSRoleService {
    associatedtype App: ApplicationProtocol
    /// Builds the role's application.
    static func buildApplication(_ scaffold: ServiceScaffold) throws -> App
}

extension GWSApplicationRole {
    public static func makeServices(_ scaffold: ServiceScaffold) throws -> [any Service] {
        [try buildApplication(scaffold)]
    }
}

extension RoleCatalog {
    /// The catalog entry of `role`; a missing entry is a programming error.
    public static func required(_ role: String) -> RoleDescriptor {
        guard let descriptor = byRole(role) else {
            preconditionFailure("role '\(role)' is missing from RoleCatalog")
        }
        return descriptor
    }
}
