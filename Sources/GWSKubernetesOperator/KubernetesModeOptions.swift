import ArgumentParser
import GWSKubernetes

/// The flags of `gws-kube-operator run` and `gws-operator run --kubernetes`: exactly what the chart's
/// Deployment passes (charts/gws-operator/templates/deployment.yaml), plus
/// `--kubeconfig`, `--bind-address` and `--workers` for running outside a cluster.
public struct KubernetesModeOptions: ParsableArguments {
    public init() {}

    @Flag(help: "Run as the in-cluster Kubernetes controller of GWSDeployment resources.")
    public var kubernetes = false

    @Option(help: "Watch GWSDeployments in this namespace only (default: every namespace).")
    public var watchNamespace: String?

    @Option(help: "Elect a leader with a coordination.k8s.io Lease; only the leader reconciles.")
    public var leaderElect: Bool = true

    @Option(help: "The Lease's namespace (default: $POD_NAMESPACE, the service account's, or default).")
    public var leaderElectionNamespace: String?

    @Option(help: "The Lease's name.")
    public var leaderElectionId = "gws-operator"

    @Option(help: "How long a Lease stays valid without renewal.")
    public var leaseDurationSeconds = 15

    @Option(help: "The leader steps down when it could not renew for this long.")
    public var renewDeadlineSeconds = 10

    @Option(help: "How often to try to acquire or renew the Lease.")
    public var retryPeriodSeconds = 2

    @Option(help: "Port of /metrics (Prometheus text).")
    public var metricsPort = 8080

    @Option(help: "Port of /healthz, /livez and /readyz.")
    public var healthPort = 8081

    @Option(help: "Address the metrics and health ports bind to.")
    public var bindAddress = "0.0.0.0"

    @Option(help: "The gws-service image every role runs (repository:tag or repository@digest).")
    public var serviceImage = "gws-service:\(RenderOptions.defaultTag)"

    @Option(help: "imagePullPolicy of the GWS containers.")
    public var serviceImagePullPolicy = "IfNotPresent"

    @Option(help: "An image pull secret for the GWS pods (repeatable).")
    public var serviceImagePullSecret: [String] = []

    @Flag(help: "Render a ServiceMonitor per role (needs the Prometheus Operator's CRD).")
    public var serviceMonitors = false

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    public var logLevel = "info"

    @Option(help: "A kubeconfig (default: $KUBECONFIG, in-cluster, ~/.kube/config).")
    public var kubeconfig: String?

    @Option(help: "GWSDeployments reconciled at once.")
    public var workers = 4

    /// `repo:tag` → (repo, tag); a digest reference stays whole.
    public var imageParts: (image: String, tag: String) {
        if serviceImage.contains("@") { return (serviceImage, RenderOptions.defaultTag) }
        if let colon = serviceImage.lastIndex(of: ":"), !serviceImage[colon...].contains("/") {
            return (String(serviceImage[..<colon]), String(serviceImage[serviceImage.index(after: colon)...]))
        }
        return (serviceImage, RenderOptions.defaultTag)
    }
}
