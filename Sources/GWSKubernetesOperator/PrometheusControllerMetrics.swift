import GWSKubernetes
import Prometheus

/// ``ControllerMetrics`` in swift-prometheus, under controller-runtime's
/// and client-go's metric names, so dashboards for other operators work.
final class PrometheusControllerMetrics: ControllerMetrics {
    let registry: PrometheusCollectorRegistry
    static let controller = "gwsdeployment"

    private let reconcileErrors: Counter
    private let reconcileTime: DurationHistogram
    private let depth: Gauge
    private let adds: Counter
    private let leader: Gauge
    private let statusWrites: Counter

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), leaseName: String) {
        self.registry = registry
        let controller = [("controller", Self.controller)]
        reconcileErrors = registry.makeCounter(
            descriptor: Self.name(
                "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller"),
            labels: controller)
        reconcileTime = registry.makeDurationHistogram(
            descriptor: Self.name(
                "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller"),
            labels: controller,
            buckets: [
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
                .seconds(30),
            ])
        depth = registry.makeGauge(
            descriptor: Self.name("workqueue_depth", "Current depth of workqueue"), labels: [("name", Self.controller)])
        adds = registry.makeCounter(
            descriptor: Self.name("workqueue_adds_total", "Total number of adds handled by workqueue"),
            labels: [("name", Self.controller)])
        leader = registry.makeGauge(
            descriptor: Self.name(
                "leader_election_master_status",
                "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master."
            ), labels: [("name", leaseName)])
        statusWrites = registry.makeCounter(
            descriptor: Self.name("gws_operator_status_writes_total", "Status subresource writes"), labels: controller)
        for outcome in [ReconcileOutcome.success, .error, .requeue, .requeueAfter] { _ = total(outcome) }
        leader.set(to: 0)
    }

    static func name(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    private func total(_ outcome: ReconcileOutcome) -> Counter {
        registry.makeCounter(
            descriptor: Self.name(
                "controller_runtime_reconcile_total", "Total number of reconciliations per controller"),
            labels: [("controller", Self.controller), ("result", outcome.rawValue)])
    }

    func reconciled(_ outcome: ReconcileOutcome, duration: Duration) {
        total(outcome).increment()
        if outcome == .error { reconcileErrors.increment() }
        reconcileTime.record(duration)
    }

    func workqueueDepth(_ depth: Int) { self.depth.set(to: Double(depth)) }
    func workqueueAdded() { adds.increment() }
    func leaderStatus(_ leading: Bool) { leader.set(to: leading ? 1 : 0) }

    func apiRequest(method: String, code: Int) {
        registry.makeCounter(
            descriptor: Self.name(
                "rest_client_requests_total", "Number of HTTP requests, partitioned by status code and method."),
            labels: [("code", String(code)), ("method", method)]
        ).increment()
    }

    func informerDelta(resource: String, type: String) {
        registry.makeCounter(
            descriptor: Self.name(
                "gws_operator_informer_deltas_total",
                "Changes the informers delivered, by type (deleted_final_state_unknown: found gone by a relist)"),
            labels: [("resource", resource), ("type", type)]
        ).increment()
    }

    func informerRelisted(resource: String) {
        registry.makeCounter(
            descriptor: Self.name(
                "gws_operator_informer_lists_total", "Full lists (the first one, and relists after 410 Gone)"),
            labels: [("resource", resource)]
        ).increment()
    }

    func statusWritten() { statusWrites.increment() }

    func eventRecorded(type: String, reason: String) {
        registry.makeCounter(
            descriptor: Self.name("gws_operator_events_total", "Kubernetes Events recorded"),
            labels: [("type", type), ("reason", reason)]
        ).increment()
    }
}
