import AsyncHTTPClient
import GWSDiscovery
import Logging

/// The process-wide HTTP client for Consul calls. Unlike `HTTPClient.shared`
/// it fails at once when Consul refuses connections (instead of retrying
/// inside the pool until the call's timeout), so registration backoff and
/// discovery retries run on their own schedule. Never shut down, like `.shared`.
public enum ConsulHTTPClient {
    public static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(2)))
        configuration.connectionPool.retryConnectionEstablishment = false
        // One long-poll (blocking query) per watched service stays open at a
        // time; the default of 8 connections per host would starve the rest.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 128
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// A Consul client on this HTTP client.
    public static func client(baseURL: String, token: String?, logger: Logger) -> ConsulClient {
        ConsulClient(baseURL: baseURL, token: token, httpClient: shared, logger: logger)
    }
}
