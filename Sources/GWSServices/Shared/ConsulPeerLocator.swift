import GWSDiscovery
import GWSServiceKit

/// Finds a passing `gws-platform-configuration` instance through Consul, keeps
/// it until a call through it fails, then looks again.
actor ConsulPeerLocator: PeerServiceLocator {
    private let consul: ConsulClient
    private let service: String
    nonisolated var serviceName: String { service }
    private var cached: String?
    /// Rotates through the passing instances across refreshes.
    private var nextIndex = 0

    init(consul: ConsulClient, service: String = configurationServiceName) {
        self.consul = consul
        self.service = service
    }

    func baseURL() async throws -> String {
        if let cached { return cached }
        let instances: [ConsulServiceInstance]
        do {
            instances = try await consul.healthyInstances(of: service).value
        } catch {
            throw peerUnavailable(service, "Consul cannot be queried")
        }
        guard !instances.isEmpty else {
            throw peerUnavailable(service, "no passing instance")
        }
        let instance = instances.sorted { $0.id < $1.id }[nextIndex % instances.count]
        nextIndex &+= 1
        let host = instance.address.contains(":") ? "[\(instance.address)]" : instance.address
        let url = "http://\(host):\(instance.port)"
        cached = url
        return url
    }

    func invalidate(_ url: String) async {
        if cached == url { cached = nil }
    }
}
