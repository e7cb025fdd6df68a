import Logging
import ServiceLifecycle

/// The in-cluster operator as a swift-service-lifecycle `Service`: with
/// leader election, the controller runs only while this replica holds the
/// Lease; on graceful shutdown the controller stops and the Lease is
/// released so a standby takes over at once. Losing the Lease ends the
/// service with an error (the process exits and restarts as a standby).
public struct KubernetesOperatorService: Service {
    let controller: KubernetesController
    let elector: LeaderElector?
    let logger: Logger

    public init(controller: KubernetesController, elector: LeaderElector?, logger: Logger) {
        self.controller = controller
        self.elector = elector
        self.logger = logger
    }

    public func run() async throws {
        let controller = self.controller
        guard let elector else {
            controller.health.setLeading(true)
            controller.metrics.leaderStatus(true)
            await cancelWhenGracefulShutdown { await controller.run() }
            return
        }
        let outcome = try await cancelWhenGracefulShutdown { try await elector.lead { await controller.run() } }
        if outcome == .ledUntilCancelled { await elector.release() }
    }
}
