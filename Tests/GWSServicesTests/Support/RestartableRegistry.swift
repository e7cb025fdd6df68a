import GWSDiscovery
import GWSServiceKit
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// The embedded registry served on a fixed port, which a test stops and starts again, empty, as the
/// operator's restart does (its registry lives in memory).
final class RestartableRegistry: Sendable {
    let port: Int
    let clock: ManualDiscoveryClock
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, any Error>)?>(nil)

    init(port: Int, clock: ManualDiscoveryClock) {
        self.port = port
        self.clock = clock
    }

    /// Serves a new, empty registry and waits until it answers.
    @discardableResult
    func start() async throws -> ConsulRegistry {
        let registry = ConsulRegistry(logger: testLogger, clock: clock)
        let router = Router()
        ConsulAPI.addRoutes(to: router, registry: registry)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            services: [ConsulCheckRunner(registry: registry, logger: testLogger)], logger: testLogger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: testLogger))
        let task = Task { try await group.run() }
        running.withLock { $0 = (group, task) }
        let consul = ConsulHTTPClient.client(baseURL: "http://127.0.0.1:\(port)", token: nil, logger: testLogger)
        for _ in 0..<500 {
            if (try? await consul.sessions()) != nil { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        return registry
    }

    /// Stops serving (connections are refused afterwards).
    func stop() async {
        guard let running = running.withLock({ value in defer { value = nil }; return value }) else { return }
        await running.group.triggerGracefulShutdown()
        _ = await running.task.result
    }
}
