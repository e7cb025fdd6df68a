import GWSReconciler
import Logging

/// The workers: take keys from the work queue (never one key twice at
/// once), reconcile, and requeue a failed key with per-key exponential
/// backoff (forgotten after a success). They stop when cancelled.
struct ControllerWorkers: Sendable {
    let queue: WorkQueue<ObjectKey>
    let reconciler: GWSDeploymentReconciler
    let retries: RetryLimiter
    let count: Int
    let metrics: any ControllerMetrics
    let clock: any GWSClock
    let logger: Logger

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, count) {
                group.addTask { await work() }
            }
        }
    }

    func work() async {
        while let key = await queue.next() {
            if Task.isCancelled {
                await queue.done(key)
                return
            }
            metrics.workqueueDepth(await queue.count)
            let started = clock.now()
            do {
                let result = try await reconciler.reconcile(key)
                await retries.forget(key)
                switch result {
                case .done:
                    metrics.reconciled(.success, duration: clock.now() - started)
                case .requeueAfter(let delay):
                    metrics.reconciled(.requeueAfter, duration: clock.now() - started)
                    await queue.add(key, after: delay)
                }
            } catch {
                metrics.reconciled(.error, duration: clock.now() - started)
                if !Task.isCancelled {
                    let delay = await retries.nextDelay(key)
                    logger.warning(
                        "reconcile failed; retrying",
                        metadata: ["key": "\(key)", "error": "\(error)", "retryIn": "\(delay)"])
                    await queue.add(key, after: delay)
                }
            }
            await queue.done(key)
            metrics.workqueueDepth(await queue.count)
        }
    }
}

/// Per-key failure counts shared by the workers (client-go's item rate limiter).
actor RetryLimiter {
    private var backoff: KeyedBackoff<ObjectKey>

    init(backoff: ExponentialBackoff) { self.backoff = KeyedBackoff(backoff: backoff) }

    func nextDelay(_ key: ObjectKey) -> Duration { backoff.nextDelay(for: key, jitter: Double.random(in: 0...1)) }
    func forget(_ key: ObjectKey) { backoff.forget(key) }
    func failures(_ key: ObjectKey) -> Int { backoff.failureCount(key) }
}
