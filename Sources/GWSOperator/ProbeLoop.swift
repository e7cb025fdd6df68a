import GWSHealth
import GWSReconciler
import GWSSpec

/// Probes one instance with Kubernetes semantics: the startup probe every
/// `startup.periodSeconds` until it passes, then readiness and liveness, each
/// on its own period. Results go to the controller, which applies thresholds.
struct ProbeLoop: Sendable {
    let instanceID: String
    let host: String
    let port: Int
    let probes: ResolvedProbes
    let mode: ProbeMode
    let prober: HTTPProber
    let clock: any GWSClock
    let controller: ClusterController

    func run() async {
        do {
            try await clock.sleep(for: .seconds(probes.startup.initialDelaySeconds))
            // Startup: probe quickly at first so a fast service is seen ready at
            // once, never slower than the configured period.
            var attempt = 0
            var lastCountedFailure: Duration?
            let period = Duration.seconds(max(1, probes.startup.periodSeconds))
            while !Task.isCancelled {
                let result = await probe(probes.startup)
                let now = clock.now()
                // Count at most one failure per period, as Kubernetes would.
                if result.success || lastCountedFailure.map({ now - $0 >= period }) ?? true {
                    if !result.success { lastCountedFailure = now }
                    await controller.recordProbe(
                        id: instanceID, kind: .startup, success: result.success, reason: result.reason)
                }
                guard let kinds = await controller.probeKinds(id: instanceID) else { return }
                if !kinds.contains(.startup) { break }
                attempt += 1
                try await clock.sleep(for: startupInterval(attempt: attempt))
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.loop(.readiness, self.probes.readiness) }
                group.addTask { await self.loop(.liveness, self.probes.liveness) }
            }
        } catch {
            return  // cancelled
        }
    }

    /// Polls sub-second until the first success; failures still count once
    /// per period, so `failureThreshold × periodSeconds` keeps its meaning.
    private func startupInterval(attempt: Int) -> Duration {
        let period = Duration.seconds(max(1, probes.startup.periodSeconds))
        return min(period, .milliseconds(100) * attempt)
    }

    private func probe(_ spec: ProbeSpec) async -> HTTPProber.Result {
        switch mode {
        case .http: await prober.probe(host: host, port: port, spec: spec)
        case .tcp: await TCPProber().probe(host: host, port: port, timeoutSeconds: spec.timeoutSeconds)
        }
    }

    private func loop(_ kind: ProbeKind, _ spec: ProbeSpec) async {
        while !Task.isCancelled {
            let result = await probe(spec)
            await controller.recordProbe(id: instanceID, kind: kind, success: result.success, reason: result.reason)
            do { try await clock.sleep(for: .seconds(max(1, spec.periodSeconds))) } catch { return }
        }
    }
}
