import GWSDiscovery
import GWSServiceKit
import GWSSpec
import ServiceLifecycle

/// The `proxy` role: the single entry point, routing by path prefix to
/// passing instances learnt from Consul. Registers itself as `gws-service-proxy`.
public enum ProxyService: GWSRoleService {
    public static let descriptor = RoleCatalog.proxy

    public static func makeServices(_ scaffold: ServiceScaffold) throws -> [any Service] {
        guard let consulURL = scaffold.configuration.consulURL else {
            throw ServiceConfigurationError(
                key: ServiceEnvironmentKeys.consulURL, value: "",
                reason: "the proxy learns its upstreams from Consul and needs its URL")
        }
        let configuration = try ProxyConfiguration.fromEnvironment(scaffold.configuration.contextEnv)
        let client = ConsulHTTPClient.client(
            baseURL: consulURL, token: scaffold.configuration.consulToken, logger: scaffold.logger)
        let source = ConsulUpstreamSource(client: client, logger: scaffold.logger)
        return try ProxyServer(scaffold: scaffold, configuration: configuration, source: source).makeServices()
    }
}
