import GWSDiscovery
import GWSServiceKit

/// Where another GWS service answers: a caller asks for a base URL
/// (`http://host:port`) before each call and reports a failed instance so that
/// the next call finds another one.
protocol PeerServiceLocator: Sendable {
    /// The service's Consul name (for messages).
    var serviceName: String { get }
    /// The base URL of a usable instance.
    ///
    /// - Throws: `GWSError(.serviceUnavailable)` naming the service when there is none.
    func baseURL() async throws -> String
    /// Forgets `url` (it failed): the next `baseURL()` looks again.
    func invalidate(_ url: String) async
}

/// The Configuration service's Consul name.
let configurationServiceName = "gws-platform-configuration"
/// The Voice service's Consul name.
let voiceServiceName = "gws-platform-voice"

/// The 503 answered when no instance of `service` can be reached.
func peerUnavailable(_ service: String, _ detail: String) -> GWSError {
    GWSError(.serviceUnavailable, "the service \(service) is unavailable: \(detail)")
}

/// A service at a fixed URL (tests, or a deployment without Consul).
struct FixedPeerLocator: PeerServiceLocator {
    let url: String
    var serviceName = configurationServiceName

    func baseURL() async throws -> String { url }
    func invalidate(_ url: String) async {}
}

/// No way to find a service (no Consul URL configured): every call answers 503.
struct NoConsulPeerLocator: PeerServiceLocator {
    var serviceName = configurationServiceName

    func baseURL() async throws -> String {
        throw peerUnavailable(serviceName, "no Consul URL is configured to find it")
    }

    func invalidate(_ url: String) async {}
}

extension ServiceScaffold {
    /// A locator of `service` through this process's Consul; one that answers
    /// 503 for every call when no Consul URL is configured.
    func peerLocator(for service: String) -> any PeerServiceLocator {
        guard let consulURL = configuration.consulURL else { return NoConsulPeerLocator(serviceName: service) }
        let consul = ConsulHTTPClient.client(baseURL: consulURL, token: configuration.consulToken, logger: logger)
        return ConsulPeerLocator(consul: consul, service: service)
    }
}
