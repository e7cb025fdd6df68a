import Prometheus

/// The proxy's own metrics: `gws_proxy_requests_total{service,status}`,
/// `gws_proxy_retries_total{service}` and `gws_proxy_ejections_total{service}`.
struct ProxyMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "gws_proxy_requests", unitName: "total",
            helpText: "Requests the proxy answered for a routed service, by service and status.")
    }
    private static var retries: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "gws_proxy_retries", unitName: "total",
            helpText: "Idempotent requests sent again to another instance after a connection failure.")
    }
    private static var ejections: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "gws_proxy_ejections", unitName: "total",
            helpText: "Instances taken out of rotation after a refused or reset connection.")
    }

    /// A request for `service` was answered with `status`.
    func request(service: String, status: Int) {
        registry.makeCounter(descriptor: Self.requests, labels: [("service", service), ("status", String(status))])
            .increment()
    }

    /// A request for `service` was retried.
    func retry(service: String) {
        registry.makeCounter(descriptor: Self.retries, labels: [("service", service)]).increment()
    }

    /// An instance of `service` was ejected.
    func ejection(service: String) {
        registry.makeCounter(descriptor: Self.ejections, labels: [("service", service)]).increment()
    }
}
