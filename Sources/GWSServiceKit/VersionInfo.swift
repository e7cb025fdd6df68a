import Hummingbird

/// The body of `GET <basePath>/version`.
public struct VersionInfo: Codable, Sendable, Equatable, ResponseEncodable {
    /// Semantic version of gws-operator.
    public var version: String
    /// Short build text.
    public var changeset: String
    /// The role answering (`workspace`).
    public var role: String
    /// The instance answering (`workspace-0`).
    public var instance: String

    public init(version: String, changeset: String, role: String, instance: String) {
        self.version = version
        self.changeset = changeset
        self.role = role
        self.instance = instance
    }

    /// The version of this process.
    public init(configuration: ServiceConfiguration) {
        self.init(
            version: GWSVersion.version, changeset: GWSVersion.changeset,
            role: configuration.role.role, instance: configuration.instanceID)
    }
}

extension Router {
    /// Serves `GET <basePath>/version` under every base path of the role
    /// (auth answers `/auth/v3/version` and `/environment/v3/version`).
    @discardableResult
    public func addVersionRoutes(configuration: ServiceConfiguration) -> Self {
        let info = VersionInfo(configuration: configuration)
        for basePath in configuration.role.basePaths {
            get(RouterPath("\(basePath)/version")) { _, _ in info }
        }
        return self
    }
}
