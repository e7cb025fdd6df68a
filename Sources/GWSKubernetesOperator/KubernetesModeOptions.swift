import ArgumentParser
import GWSKubernetes

/// The flags of `gws-operator run --kubernetes`: exactly what the chart's
/// Deployment passes (charts/gws-operator/templates/deployment.yaml), plus
/// `--kubeconfig`, `--bind-address` and `--workers` for running outside a cluster.
struct KubernetesModeOptions: ParsableArguments {
    @Flag(help: "Run as the in-cluster Kubernetes controller of GWSDeployment resources.")
    var kubernetes = false

    @Option(help: "Watch GWSDeployments in this namespace only (default: every namespace).")
    var watchNamespace: String?

    @Option(help: "Elect a leader with a coordination.k8s.io Lease; only the leader reconciles.")
    var leaderElect: Bool = true

    @Option(help: "The Lease's namespace (default: $POD_NAMESPACE, the service account's, or default).")
    var leaderElectionNamespace: String?

    @Option(help: "The Lease's name.")
    var leaderElectionId = "gws-operator"

    @Option(help: "How long a Lease stays valid without renewal.")
    var leaseDurationSeconds = 15

    @Option(help: "The leader steps down when it could not renew for this long.")
    var renewDeadlineSeconds = 10

    @Option(help: "How often to try to acquire or renew the Lease.")
    var retryPeriodSeconds = 2

    @Option(help: "Port of /metrics (Prometheus text).")
    var metricsPort = 8080

    @Option(help: "Port of /healthz, /livez and /readyz.")
    var healthPort = 8081

    @Option(help: "Address the metrics and health ports bind to.")
    var bindAddress = "0.0.0.0"

    @Option(help: "The gws-service image every role runs (repository:tag or repository@digest).")
    var serviceImage = "gws-service:\(RenderOptions.defaultTag)"

    @Option(help: "imagePullPolicy of the GWS containers.")
    var serviceImagePullPolicy = "IfNotPresent"

    @Option(help: "An image pull secret for the GWS pods (repeatable).")
    var serviceImagePullSecret: [String] = []

    @Flag(help: "Render a ServiceMonitor per role (needs the Prometheus Operator's CRD).")
    var serviceMonitors = false

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(help: "A kubeconfig (default: $KUBECONFIG, in-cluster, ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "GWSDeployments reconciled at once.")
    var workers = 4

    /// `repo:tag` → (repo, tag); a digest reference stays whole.
    var imageParts: (image: String, tag: String) {
        if serviceImage.contains("@") { return (serviceImage, RenderOptions.defaultTag) }
        if let colon = serviceImage.lastIndex(of: ":"), !serviceImage[colon...].contains("/") {
            return (String(serviceImage[..<colon]), String(serviceImage[serviceImage.index(after: colon)...]))
        }
        return (serviceImage, RenderOptions.defaultTag)
    }
}
