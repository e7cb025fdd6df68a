import Hummingbird
import Prometheus

extension Router {
    /// Serves `GET /metrics`: the registry in Prometheus text format.
    @discardableResult
    public func addMetricsRoute(registry: PrometheusCollectorRegistry, path: RouterPath = "/metrics") -> Self {
        get(path) { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return self
    }
}
