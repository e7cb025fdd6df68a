import Hummingbird
import Prometheus

/// Counts every request in `http_requests_total{method,route,status}` and
/// times it in `http_request_duration_seconds{method,route}` (to the response
/// head). `route` is the matched route pattern (`/workspace/v3/version`), the
/// proxy route prefix, or `NotFound`, so label cardinality stays bounded.
///
/// Writes straight into a ``PrometheusCollectorRegistry`` so tests need no
/// global metrics bootstrap.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Histogram buckets, from 1 ms to 2 minutes (long polls).
    public static var durationBuckets: [Duration] {
        [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120].map {
            .milliseconds(Int64($0 * 1000))
        }
    }

    static var requestsDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_requests", unitName: "total",
            helpText: "HTTP requests answered, by method, route and status.")
    }

    static var durationDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_request_duration", unitName: "seconds",
            helpText: "Time to answer an HTTP request (to the response head), by method and route.")
    }

    let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request: request, context: context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request: request, context: context, status: status, since: start)
            throw error
        }
    }

    private func record(request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let method = request.method.rawValue
        let route = context.endpointPath ?? "NotFound"
        registry.makeCounter(
            descriptor: Self.requestsDescriptor,
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.durationDescriptor,
            labels: [("method", method), ("route", route)],
            buckets: Self.durationBuckets
        ).record(ContinuousClock.now - start)
    }
}
