import GWSReconciler
import GWSSpec
import Logging

/// What a reconcile asks of the work queue.
public enum ReconcileResult: Sendable, Equatable {
    /// Done until the next change.
    case done
    case requeueAfter(Duration)
}

/// Reconciles one GWSDeployment by key (level-based: it reads the latest
/// cached object, never the event): adds the finalizer, renders the
/// objects, server-side applies each with an owner reference, prunes what
/// is no longer rendered, and writes status only when it changed. On
/// deletion it deletes what it owns and removes the finalizer.
public struct GWSDeploymentReconciler: Sendable {
    let client: KubernetesClient
    let cache: InformerCache<GWSDeploymentObject>
    let options: ControllerOptions
    let recorder: EventRecorder
    let memo: ReconcileMemo
    let metrics: any ControllerMetrics
    let logger: Logger

    init(
        client: KubernetesClient, cache: InformerCache<GWSDeploymentObject>, options: ControllerOptions,
        recorder: EventRecorder,
        memo: ReconcileMemo, metrics: any ControllerMetrics, logger: Logger
    ) {
        self.client = client
        self.cache = cache
        self.options = options
        self.recorder = recorder
        self.memo = memo
        self.metrics = metrics
        self.logger = logger
    }

    /// Errors are retried with per-key backoff; a spec or object the server
    /// refuses as invalid is reported in status and waits for a new generation.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard var object = await cache.get(key) else {
            await memo.forget(key)
            return .done
        }
        if object.isDeleting {
            try await cleanUp(object)
            return .done
        }
        if !object.finalizers.contains(options.finalizer) {
            object = try await addFinalizer(object)
        }
        let previous = await memo.status(key) ?? object.status

        let loaded: LoadedSpec
        switch Self.loadSpec(object) {
        case .failure(let errors):
            try await report(object, "InvalidSpec", errors.issues.joined(separator: "; "), previous: previous)
            return .done
        case .success(let spec):
            loaded = spec
        }

        let documents = render(loaded, owner: object)
        let outcome: ApplyOutcome
        do {
            outcome = try await applyAll(documents)
        } catch let error as KubernetesAPIError where error.code == .invalid || error.code == .badRequest {
            try await report(object, "ApplyRejected", error.description, previous: previous)
            return .done
        } catch {
            if !Task.isCancelled { try? await report(object, "ApplyFailed", "\(error)", previous: previous) }
            throw error
        }
        let pruned = try await prune(object, keeping: outcome.names)

        try await writeStatus(
            object,
            .init(generation: object.generation, desiredInstances: outcome.desired, readyInstances: outcome.ready),
            previous: previous)
        if previous?.observedGeneration != object.generation || previous?.phase == "Degraded" {
            await recorder.normal(
                object, reason: "Applied",
                message: "applied \(documents.count) objects for generation \(object.generation)"
                    + (pruned > 0 ? ", pruned \(pruned)" : ""))
        }
        return .done
    }

    /// The resource's spec through the same loader as local specs and `gwsctl template`.
    static func loadSpec(_ object: GWSDeploymentObject) -> Result<LoadedSpec, SpecErrors> {
        let resource =
            #"{"apiVersion":"# + Value.string(object.apiVersion).jsonString() + #","kind":"#
            + Value.string(object.kind).jsonString() + #","metadata":{"name":"# + Value.string(object.name).jsonString()
            + #"},"spec":"# + object.specJSON + "}"
        return SpecLoader.load(files: [ValuesSource(name: object.key.description, content: resource)])
    }
}
