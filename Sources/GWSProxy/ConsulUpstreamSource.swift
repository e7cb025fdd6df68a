import GWSDiscovery
import Logging

/// Learns passing instances from Consul with one ``GWSDiscovery/ConsulHealthWatcher``
/// (blocking queries) per service.
public struct ConsulUpstreamSource: UpstreamSource {
    let client: ConsulClient
    let logger: Logger

    public init(client: ConsulClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func instances(of service: String) -> AsyncStream<[UpstreamInstance]> {
        let updates = ConsulHealthWatcher(client: client, service: service, logger: logger).updates()
        return AsyncStream { continuation in
            let pump = Task {
                for await instances in updates {
                    continuation.yield(instances.map(UpstreamInstance.init))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in pump.cancel() }
        }
    }
}
