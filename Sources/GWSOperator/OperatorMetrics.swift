import Prometheus

/// The operator's Prometheus metrics, controller-runtime style.
public struct OperatorMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let reconcileTotal: Counter
    let reconcileErrors: Counter
    let reconcileDuration: DurationHistogram
    let workqueueDepth: Gauge
    let instanceRestarts: Counter

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "gws", subsystem: "operator", metricName: metric, unitName: unit, helpText: help)
        }
        reconcileTotal = registry.makeCounter(descriptor: name("reconcile", "total", "Reconciles run"))
        reconcileErrors = registry.makeCounter(
            descriptor: name("reconcile_errors", "total", "Reconciles that failed and were requeued with backoff"))
        reconcileDuration = registry.makeDurationHistogram(
            descriptor: name("reconcile_duration", "seconds", "Time spent in one reconcile"),
            buckets: [.milliseconds(1), .milliseconds(10), .milliseconds(100), .seconds(1), .seconds(10)])
        workqueueDepth = registry.makeGauge(descriptor: name("workqueue", "depth", "Keys waiting in the work queue"))
        instanceRestarts = registry.makeCounter(
            descriptor: name("instance_restarts", "total", "Instances restarted after a crash or failed probe"))
    }

    public func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
