import Foundation
import GWSServiceKit
import GWSSpec

/// The proxy's own settings, on top of ``GWSServiceKit/ServiceConfiguration``.
public struct ProxyConfiguration: Sendable, Equatable {
    /// Where HTTPS is served from.
    public struct TLS: Sendable, Equatable {
        /// HTTPS port (0: any free port).
        public var port: Int
        /// PEM certificate chain file.
        public var certificatePath: String
        /// PEM private key file.
        public var keyPath: String

        public init(port: Int, certificatePath: String, keyPath: String) {
            self.port = port
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    /// Routing rules.
    public var routes: ProxyRouteTable
    /// HTTPS listener; nil serves HTTP only.
    public var tls: TLS?
    /// Longest an upstream may take to answer (CometD long polls wait up to 2 minutes).
    public var upstreamTimeout: Duration
    /// Longest a connection to an upstream may take to open.
    public var connectTimeout: Duration
    /// Retries of an idempotent request on other instances after a connection failure.
    public var maxRetries: Int
    /// How long an instance that refused or reset a connection stays out of rotation.
    public var ejectionDuration: Duration
    /// Largest request body forwarded.
    public var maxBodySize: Int
    /// A port of this instance alone serving health and metrics (`GWS_PROXY_PROBE_PORT`), or nil.
    public var probePort: Int?

    public init(routes: [ProxyRoute] = ProxyRoute.catalogDefaults, tls: TLS? = nil) {
        self.routes = ProxyRouteTable(routes)
        self.tls = tls
        self.upstreamTimeout = .seconds(120)
        self.connectTimeout = .seconds(1)
        self.maxRetries = 2
        self.ejectionDuration = .seconds(5)
        self.maxBodySize = 16 * 1024 * 1024
    }

    /// Reads `GWS_PROXY_ROUTES` (default: every catalog role's base paths) and
    /// `GWS_PROXY_TLS_PORT` + `GWS_PROXY_TLS_CERT` + `GWS_PROXY_TLS_KEY` (all three or none).
    public static func fromEnvironment(_ environment: [String: String]) throws -> ProxyConfiguration {
        typealias Keys = ServiceEnvironmentKeys
        let env = environment.filter { !$0.value.isEmpty }
        var config = ProxyConfiguration()
        if let probe = env[Keys.probePort] {
            guard let port = Int(probe), (0...65535).contains(port) else {
                throw ServiceConfigurationError(key: Keys.probePort, value: probe, reason: "not a port number (0-65535)")
            }
            config.probePort = port
        }
        if let json = env[Keys.proxyRoutes] {
            config.routes = ProxyRouteTable(try parseRoutes(json))
        }
        let tlsValues = [env[Keys.proxyTLSPort], env[Keys.proxyTLSCertificate], env[Keys.proxyTLSKey]]
        if let port = env[Keys.proxyTLSPort], let certificate = env[Keys.proxyTLSCertificate],
            let key = env[Keys.proxyTLSKey]
        {
            guard let portNumber = Int(port), (0...65535).contains(portNumber) else {
                throw ServiceConfigurationError(
                    key: Keys.proxyTLSPort, value: port, reason: "not a port number (0-65535)")
            }
            config.tls = TLS(port: portNumber, certificatePath: certificate, keyPath: key)
        } else if tlsValues.contains(where: { $0 != nil }) {
            throw ServiceConfigurationError(
                key: Keys.proxyTLSPort, value: env[Keys.proxyTLSPort] ?? "",
                reason: "HTTPS needs \(Keys.proxyTLSPort), \(Keys.proxyTLSCertificate) and \(Keys.proxyTLSKey) together"
            )
        }
        return config
    }

    /// Parses `[{"prefix": "/workspace/v3", "service": "gws-app-workspace"}]`.
    static func parseRoutes(_ json: String) throws -> [ProxyRoute] {
        let key = ServiceEnvironmentKeys.proxyRoutes
        let routes: [ProxyRoute]
        do {
            routes = try JSONDecoder().decode([ProxyRoute].self, from: Data(json.utf8))
        } catch {
            throw ServiceConfigurationError(
                key: key, value: json, reason: "not a JSON list of {\"prefix\", \"service\"} objects")
        }
        if let bad = routes.first(where: { !$0.prefix.hasPrefix("/") || $0.service.isEmpty }) {
            throw ServiceConfigurationError(
                key: key, value: json,
                reason: "route \(bad.prefix) → '\(bad.service)': prefix must start with / and service must be set")
        }
        return routes
    }
}
