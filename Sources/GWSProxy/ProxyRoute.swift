import GWSSpec

/// One routing rule of the proxy: requests whose path starts with `prefix`
/// (on a segment boundary) go to passing instances of the Consul `service`.
public struct ProxyRoute: Codable, Sendable, Hashable {
    /// Path prefix (`/workspace/v3`), without a trailing slash.
    public var prefix: String
    /// Consul service name (`gws-app-workspace`).
    public var service: String

    public init(prefix: String, service: String) {
        self.prefix = prefix
        self.service = service
    }

    /// One route per base path of every catalog role but the proxy: the
    /// routes used when `GWS_PROXY_ROUTES` is not set.
    public static var catalogDefaults: [ProxyRoute] {
        RoleCatalog.all.filter { $0.role != RoleCatalog.proxy.role }.flatMap { role in
            role.basePaths.map { ProxyRoute(prefix: $0, service: role.serviceName) }
        }
    }
}
