import GWSReconciler
import Logging

/// List-then-watch of one resource into an ``InformerCache``, like
/// client-go's reflector: the watch resumes from the last resourceVersion
/// (of an event or a BOOKMARK) after the server ends it or the connection
/// drops; a 410 Gone (the version was compacted) triggers a relist whose
/// diff against the cache delivers what happened in between, deletes
/// included. Every delta goes to `handler`.
public struct Informer<Object: InformerObject>: Sendable {
    public let resource: APIResource
    public let namespace: String?
    public let labelSelector: String?
    public let cache: InformerCache<Object>
    let client: KubernetesClient
    let project: @Sendable (KubeObject) -> Object
    let handler: @Sendable ([InformerDelta<Object>]) async -> Void
    let metrics: any ControllerMetrics
    let clock: any GWSClock
    let logger: Logger
    /// Each watch asks the server to end it after a random time in this range (client-go: 5–10 min).
    public var watchTimeoutSeconds: ClosedRange<Int> = 300...600
    public var pageSize = 500
    public var backoff = ExponentialBackoff(base: .milliseconds(800), max: .seconds(30))

    public init(
        resource: APIResource, namespace: String?, labelSelector: String? = nil, cache: InformerCache<Object>,
        client: KubernetesClient, metrics: any ControllerMetrics, clock: any GWSClock, logger: Logger,
        project: @escaping @Sendable (KubeObject) -> Object,
        handler: @escaping @Sendable ([InformerDelta<Object>]) async -> Void
    ) {
        self.resource = resource
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.cache = cache
        self.client = client
        self.metrics = metrics
        self.clock = clock
        self.logger = logger
        self.project = project
        self.handler = handler
    }

    /// Runs until the task is cancelled.
    public func run() async {
        var needsList = true
        var failures = 0
        while !Task.isCancelled {
            do {
                if needsList {
                    try await relist()
                    needsList = false
                }
                let started = clock.now()
                let events = try await watchOnce()
                failures = 0
                if events == 0, clock.now() - started < .seconds(1) {
                    // The server ended an empty watch at once: do not spin.
                    try? await clock.sleep(for: .seconds(1))
                }
            } catch let error as KubernetesAPIError where error.code == .gone {
                logger.info(
                    "watch version too old; relisting",
                    metadata: ["resource": "\(resource)", "message": "\(error.message)"])
                needsList = true
            } catch {
                if Task.isCancelled { return }
                failures += 1
                let delay = backoff.delay(failures: failures, jitter: Double.random(in: 0...1))
                logger.warning(
                    "list/watch failed; retrying",
                    metadata: ["resource": "\(resource)", "error": "\(error)", "retryIn": "\(delay)"])
                try? await clock.sleep(for: delay)
            }
        }
    }

    /// Lists page by page, projecting each page before the next is fetched
    /// (12,000 Deployments in full would cost hundreds of megabytes).
    func relist() async throws {
        var objects: [Object] = []
        var page = try await client.list(resource, namespace: namespace, labelSelector: labelSelector, limit: pageSize)
        let resourceVersion = page.resourceVersion
        while true {
            objects += page.items.map { project($0.trimmed()) }
            guard let token = page.continueToken else { break }
            page = try await client.list(
                resource, namespace: namespace, labelSelector: labelSelector, limit: pageSize, continueToken: token)
        }
        let deltas = await cache.replace(with: objects, resourceVersion: resourceVersion)
        metrics.informerRelisted(resource: resource.description)
        logger.debug(
            "listed", metadata: ["resource": "\(resource)", "count": "\(objects.count)", "rv": "\(resourceVersion)"])
        record(deltas)
        await handler(deltas)
    }

    /// One watch from the cache's version; returns how many events it carried.
    func watchOnce() async throws -> Int {
        let from = await cache.resourceVersion
        var events = 0
        try await client.watch(
            resource, namespace: namespace, labelSelector: labelSelector, resourceVersion: from,
            timeoutSeconds: Int.random(in: watchTimeoutSeconds)
        ) { event in
            events += 1
            switch event.type {
            case .bookmark:
                if let version = event.object["metadata"]?["resourceVersion"]?.stringValue {
                    await cache.bookmark(version)
                }
            case .error:
                let code = event.errorCode ?? 500
                throw KubernetesAPIError(
                    httpStatus: code, body: event.object, method: "WATCH",
                    path: resource.collectionPath(namespace: namespace))
            case .added, .modified, .deleted:
                let object = project(KubeObject(event.object).trimmed())
                if let delta = await cache.apply(event.type, object) {
                    record([delta])
                    await handler([delta])
                }
            }
            return !Task.isCancelled
        }
        return events
    }

    func record(_ deltas: [InformerDelta<Object>]) {
        for delta in deltas {
            let type: String
            switch delta {
            case .added: type = "added"
            case .updated: type = "updated"
            case .deleted(_, let unknown): type = unknown ? "deleted_final_state_unknown" : "deleted"
            }
            metrics.informerDelta(resource: resource.description, type: type)
        }
    }
}
