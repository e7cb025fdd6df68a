import Metrics

/// The server's swift-metrics instruments, labelled with its path:
/// `cometd_clients` (gauge), `cometd_messages_delivered_total` (messages
/// written to connect responses), `cometd_messages_dropped_total` (dropped
/// from full queues) and `cometd_clients_expired_total` (dropped for inactivity).
struct CometDMetrics: Sendable {
    let clients: Gauge
    let delivered: Counter
    let dropped: Counter
    let expired: Counter

    init(path: String) {
        let dimensions = [("path", path)]
        clients = Gauge(label: "cometd_clients", dimensions: dimensions)
        delivered = Counter(label: "cometd_messages_delivered_total", dimensions: dimensions)
        dropped = Counter(label: "cometd_messages_dropped_total", dimensions: dimensions)
        expired = Counter(label: "cometd_clients_expired_total", dimensions: dimensions)
    }
}
