import GWSReconciler

/// How the in-cluster controller runs: what it watches, how it renders and
/// writes, and how it retries. Built once by the `gws-operator run
/// --kubernetes` command; tests build it in memory.
public struct ControllerOptions: Sendable {
    /// Watch one namespace, or every namespace when nil.
    public var watchNamespace: String?
    /// Images and optional objects; the namespace is set per GWSDeployment.
    public var render: RenderOptions
    /// Server-side apply's field manager (also the status writes').
    public var fieldManager: String
    /// Added on the first reconcile, removed after cleanup.
    public var finalizer: String
    /// Keys reconciled at once (never the same key twice).
    public var workers: Int
    /// Events' `reportingInstance` (the leader-election identity).
    public var identity: String
    /// Per-key retry delays after a failed reconcile.
    public var retryBackoff: ExponentialBackoff

    public static let defaultFinalizer = "gws.genesys.com/cleanup"

    public init(
        watchNamespace: String? = nil, render: RenderOptions = RenderOptions(), fieldManager: String = "gws-operator",
        finalizer: String = ControllerOptions.defaultFinalizer, workers: Int = 4, identity: String = "gws-operator",
        retryBackoff: ExponentialBackoff = ExponentialBackoff(base: .milliseconds(500), max: .seconds(120))
    ) {
        self.watchNamespace = watchNamespace
        self.render = render
        self.fieldManager = fieldManager
        self.finalizer = finalizer
        self.workers = workers
        self.identity = identity
        self.retryBackoff = retryBackoff
    }

    /// Selects the objects one GWSDeployment owns (with its uid in their ownerReferences).
    func ownedSelector(instance: String) -> String {
        "app.kubernetes.io/instance=\(instance),app.kubernetes.io/managed-by=\(render.managedBy)"
    }

    /// The kinds pruned and cleaned up (ServiceMonitors only when rendered).
    var prunable: [APIResource] {
        APIResource.rendered.filter { $0 != .serviceMonitors || render.serviceMonitors }
    }
}
