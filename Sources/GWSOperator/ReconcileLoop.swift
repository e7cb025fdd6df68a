import GWSReconciler
import Logging
import ServiceLifecycle

/// The worker: takes keys from the work queue, reconciles, and requeues
/// with per-key exponential backoff on error or after `requeueAfter`.
/// Nothing runs while nothing is queued.
struct ReconcileLoop: Service {
    let queue: WorkQueue<String>
    let controller: ClusterController
    let metrics: OperatorMetrics
    let clock: any GWSClock
    let logger: Logger

    func run() async throws {
        var backoff = KeyedBackoff<String>(
            backoff: ExponentialBackoff(base: .milliseconds(200), max: .seconds(30)))
        await withGracefulShutdownHandler {
            while let key = await queue.next() {
                let started = clock.now()
                do {
                    let result = try await controller.reconcileOnce()
                    backoff.forget(key)
                    metrics.reconcileTotal.increment()
                    if let after = result.requeueAfter { await queue.add(key, after: after) }
                } catch {
                    metrics.reconcileTotal.increment()
                    metrics.reconcileErrors.increment()
                    let delay = backoff.nextDelay(for: key, jitter: Double.random(in: 0...1))
                    logger.error(
                        "reconcile failed; will retry", metadata: ["key": "\(key)", "error": "\(error)", "retryIn": "\(delay)"])
                    await queue.add(key, after: delay)
                }
                let elapsed = clock.now() - started
                metrics.reconcileDuration.record(elapsed)
                await queue.done(key)
                metrics.workqueueDepth.set(Double(await queue.count))
            }
        } onGracefulShutdown: {
            Task { await queue.shutDown() }
        }
    }
}

/// Forwards the driver's exit events to the controller.
struct DriverEventPump: Service {
    let events: AsyncStream<GWSRuntimeEvent>
    let controller: ClusterController

    func run() async throws {
        await withGracefulShutdownHandler {
            for await event in events.cancelOnGracefulShutdown() {
                switch event {
                case .exited(let id, _, let description):
                    await controller.processExited(id: id, description: description)
                }
            }
        } onGracefulShutdown: {}
    }
}
