/// What a drill would do (`--dry-run`): the victims resolved now, the fault,
/// the window, the load and the checks. Nothing is changed.
public struct DrillPlan: Sendable, Equatable {
    public var drill: DrillFile
    public var target: ResolvedTarget
    public var clusterPhase: String
    public var proxy: String

    public func text() -> String {
        let load = drill.load
        let steady = drill.steadyState
        var lines = [
            "drill \(drill.name) (dry run: nothing is changed)",
            "target: \(target.selector)",
        ]
        for v in target.victims {
            lines.append("  would hit \(v.instance) (role \(v.role), pid \(v.pid)\(v.service.map { ", service \($0)" } ?? ""))")
        }
        let fault = DrillReportBuilder.fault(drill, target: target)
        lines += [
            "fault: \(drill.fault.kind.rawValue) — \(fault.action)",
            "timing: \(DrillDuration.format(drill.warmup)) warm-up, \(DrillDuration.format(drill.duration)) window, recovery awaited up to \(DrillDuration.format(drill.recoveryTimeout))",
            load.agents == 0
                ? "load: none"
                : "load: \(load.agents) agents through \(proxy), \(SteadyStateEvaluator.number(load.rate)) requests/s, \(SteadyStateEvaluator.number(load.writeRatio * 100)) % writes",
        ]
        var checks: [String] = []
        if let v = steady.maxFailedRequestsPercent { checks.append("failed requests ≤ \(SteadyStateEvaluator.number(v)) %") }
        if let v = steady.maxDetectionSeconds { checks.append("detection ≤ \(SteadyStateEvaluator.number(v)) s") }
        if let v = steady.maxOutOfRotationSeconds { checks.append("out of rotation ≤ \(SteadyStateEvaluator.number(v)) s") }
        if let v = steady.maxRecoverySeconds { checks.append("recovery ≤ \(SteadyStateEvaluator.number(v)) s") }
        if steady.noLostWrites { checks.append("no lost writes") }
        if steady.sessionsStillValid { checks.append("sessions still valid") }
        lines.append("steady state: " + (checks.isEmpty ? "none" : checks.joined(separator: ", ")))
        var aborts: [String] = []
        if let v = drill.abort.maxFailedRequestsPercent { aborts.append("failed requests > \(SteadyStateEvaluator.number(v)) %") }
        if let v = drill.abort.maxConsecutiveFailures { aborts.append("\(v) failures in a row") }
        if drill.abort.requireReadyCluster { aborts.append("cluster not ready before the fault (now: \(clusterPhase))") }
        if drill.abort.requireCleanWarmup { aborts.append("a failed request during the warm-up") }
        lines.append("abort on: " + (aborts.isEmpty ? "nothing" : aborts.joined(separator: ", ")))
        if target.victims.contains(where: \.isOperator) {
            lines.append(
                drill.rollback.startOperatorAfter.map {
                    "rollback: start an operator \(DrillDuration.format($0)) after the fault unless another took over"
                } ?? "rollback: none (another operator must take over)")
        }
        return lines.joined(separator: "\n")
    }
}
