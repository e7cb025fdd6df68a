import Logging
import Metrics
import Prometheus

/// One-time, process-wide setup done by executables (never by libraries or tests).
public enum ProcessBootstrap {
    /// Sends logs to stderr in swift-log's key=value form, at `LOG_LEVEL` (default info).
    public static func bootstrapLogging(environment: [String: String]) {
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// Routes swift-metrics to a new Prometheus registry and returns it (for `/metrics`).
    public static func bootstrapMetrics() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
