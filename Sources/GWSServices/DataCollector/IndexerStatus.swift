import Foundation
import GWSServiceKit
import Prometheus
import Synchronization

/// Where this Data Collector's indexer stands, for `/readyz?verbose` (the
/// `indexer` line, which always passes: followers serve the API as well),
/// Prometheus and tests:
///
/// - `gws_datacollector_indexer_leader` (gauge): 1 while this instance indexes the stream, else 0;
/// - `gws_datacollector_indexer_lag_seconds` (gauge): the age of the oldest event of the last read
///   (0 when a read found nothing new): how far the indexer is behind Voice;
/// - `gws_datacollector_indexer_events_total` (counter): notifications recorded by this instance.
final class IndexerStatus: Sendable {
    /// The indexer's role.
    enum Role: Sendable, Equatable {
        /// No leader known yet (campaigning).
        case starting
        /// Elected: it indexes the stream.
        case leader
        /// Another instance (`leader`, its candidate name when known) indexes the stream.
        case follower(leader: String?)
        /// No registry configured: it indexes the stream without an election.
        case sole

        var isIndexing: Bool { self == .leader || self == .sole }
    }

    private struct State {
        var role = Role.starting
        var recorded = 0
        var lagSeconds = 0.0
    }

    private let state = Mutex(State())
    private let leaderGauge: Gauge
    private let lagGauge: Gauge
    private let events: Counter

    init(registry: PrometheusCollectorRegistry) {
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "gws", subsystem: "datacollector_indexer", metricName: metric, unitName: unit, helpText: help)
        }
        leaderGauge = registry.makeGauge(
            descriptor: name("leader", "", "1 while this instance is the elected indexer of the event stream"))
        lagGauge = registry.makeGauge(
            descriptor: name("lag", "seconds", "Age of the oldest event of the indexer's last read (0 when caught up)"))
        events = registry.makeCounter(descriptor: name("events", "total", "Voice notifications recorded by this instance"))
        leaderGauge.set(to: 0)
        lagGauge.set(to: 0)
    }

    var role: Role { state.withLock { $0.role } }
    /// How many notifications this instance recorded.
    var recorded: Int { state.withLock { $0.recorded } }
    var lagSeconds: Double { state.withLock { $0.lagSeconds } }

    func set(_ role: Role) {
        state.withLock { $0.role = role }
        leaderGauge.set(to: role.isIndexing ? 1 : 0)
        if !role.isIndexing { setLag(0) }
    }

    func didRecord(_ count: Int) {
        guard count > 0 else { return }
        state.withLock { $0.recorded += count }
        events.increment(by: Int64(count))
    }

    func setLag(_ seconds: Double) {
        let seconds = max(0, seconds)
        state.withLock { $0.lagSeconds = seconds }
        lagGauge.set(to: seconds)
    }

    /// The `indexer` readiness line: always passing, saying leader or follower.
    func readinessCheck() -> HealthCheckResult {
        switch role {
        case .starting: .passed("follower (no leader elected yet)")
        case .leader: .passed(String(format: "leader (lag %.3f s)", lagSeconds))
        case .follower(let leader): .passed("follower (leader: \(leader ?? "none"))")
        case .sole: .passed(String(format: "leader (no registry: sole indexer, lag %.3f s)", lagSeconds))
        }
    }
}
