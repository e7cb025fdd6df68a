import GWSReconciler
import Logging

/// The in-cluster controller: an informer on GWSDeployments (what to
/// reconcile), one on the Deployments it owns (readiness changes, deletions
/// by others), the work queue and the workers. Runs until cancelled; only
/// the leader runs it.
public struct KubernetesController: Sendable {
    let client: KubernetesClient
    let options: ControllerOptions
    let metrics: any ControllerMetrics
    let health: ControllerHealth
    let clock: any GWSClock
    let logger: Logger

    public init(
        client: KubernetesClient, options: ControllerOptions, metrics: any ControllerMetrics, health: ControllerHealth,
        clock: any GWSClock = SystemClock(), logger: Logger
    ) {
        self.client = client
        self.options = options
        self.metrics = metrics
        self.health = health
        self.clock = clock
        self.logger = logger
    }

    public func run() async {
        let queue = WorkQueue<ObjectKey>(clock: clock)
        let resources = InformerCache<GWSDeploymentObject>()
        let deployments = InformerCache<OwnedDeployment>()
        let memo = ReconcileMemo()
        let metrics = self.metrics
        let health = self.health
        let enqueue: @Sendable (ObjectKey) async -> Void = { key in
            await queue.add(key)
            metrics.workqueueAdded()
            metrics.workqueueDepth(await queue.count)
        }
        let resourceInformer = Informer(
            resource: .gwsDeployments, namespace: options.watchNamespace, cache: resources, client: client,
            metrics: metrics, clock: clock, logger: logger, project: GWSDeploymentObject.init
        ) { deltas in
            health.markSynced()
            for delta in deltas where EventFilters.shouldReconcile(delta) { await enqueue(delta.key) }
        }
        let deploymentInformer = Informer(
            resource: .deployments, namespace: options.watchNamespace,
            labelSelector: "app.kubernetes.io/managed-by=\(options.render.managedBy)", cache: deployments,
            client: client, metrics: metrics, clock: clock, logger: logger, project: OwnedDeployment.init
        ) { deltas in
            for delta in deltas {
                if case .deleted(let object, _) = delta, await memo.consumeExpectedDeletion(object.key) { continue }
                guard let owner = EventFilters.ownerToReconcile(delta),
                    let resource = await resources.get(owner), !resource.isDeleting
                else { continue }
                await enqueue(owner)
            }
        }
        let recorder = EventRecorder(
            client: client, component: options.fieldManager, instance: options.identity, metrics: metrics,
            logger: logger)
        let reconciler = GWSDeploymentReconciler(
            client: client, cache: resources, options: options, recorder: recorder, memo: memo, metrics: metrics,
            logger: logger)
        let workers = ControllerWorkers(
            queue: queue, reconciler: reconciler, retries: RetryLimiter(backoff: options.retryBackoff),
            count: options.workers, metrics: metrics, clock: clock, logger: logger)
        logger.info(
            "controller starting",
            metadata: ["namespace": "\(options.watchNamespace ?? "(all)")", "workers": "\(options.workers)"])
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await resourceInformer.run() }
                group.addTask { await deploymentInformer.run() }
                group.addTask { await workers.run() }
            }
        } onCancel: {
            Task { await queue.shutDown() }
        }
        health.markStopped()
        logger.info("controller stopped")
    }
}
