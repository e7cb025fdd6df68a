import Synchronization

/// The liveness and readiness checks of one process. Checks may be added at any
/// time (a role adds its dependency checks when it wires them).
///
/// `ping` is always present. Readiness runs the liveness checks and then the
/// readiness checks (a wedged process is not ready either); liveness never
/// runs readiness checks, so a dependency outage cannot cause restarts.
public final class HealthChecks: Sendable {
    private struct Checks {
        var liveness: [HealthCheck]
        var readiness: [HealthCheck]
    }

    private let checks: Mutex<Checks>

    /// Checks with only `ping`.
    public init() {
        let ping = HealthCheck(name: "ping") { .ok }
        self.checks = Mutex(Checks(liveness: [ping], readiness: []))
    }

    /// Adds a check that only what a restart can fix should fail.
    public func addLivenessCheck(_ name: String, _ run: @escaping @Sendable () async -> HealthCheckResult) {
        let check = HealthCheck(name: name, run: run)
        checks.withLock { $0.liveness.append(check) }
    }

    /// Adds a check that decides whether the process may take traffic (dependencies, warm-up).
    public func addReadinessCheck(_ name: String, _ run: @escaping @Sendable () async -> HealthCheckResult) {
        let check = HealthCheck(name: name, run: run)
        checks.withLock { $0.readiness.append(check) }
    }

    /// The checks a probe runs, in order.
    public func checks(for probe: HealthProbe) -> [HealthCheck] {
        checks.withLock { checks in
            switch probe {
            case .liveness: checks.liveness
            case .readiness: checks.liveness + checks.readiness
            }
        }
    }

    /// Runs the probe's checks concurrently, except those named in `excluding`.
    public func report(_ probe: HealthProbe, excluding: Set<String> = []) async -> HealthReport {
        let selected = checks(for: probe).filter { !excluding.contains($0.name) }
        let results = await withTaskGroup(of: (Int, HealthCheckResult).self) { group in
            for (index, check) in selected.enumerated() {
                group.addTask { (index, await check.run()) }
            }
            var results = [HealthCheckResult](repeating: .ok, count: selected.count)
            for await (index, result) in group {
                results[index] = result
            }
            return results
        }
        let entries = zip(selected, results).map { HealthReport.Entry(name: $0.name, result: $1) }
        return HealthReport(probe: probe, entries: entries)
    }
}
