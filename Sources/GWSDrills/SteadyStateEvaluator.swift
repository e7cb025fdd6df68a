import Foundation

/// Turns a drill's steady-state checks and what the run measured into
/// pass/fail lines (pure). A limit on a time that was never observed fails.
enum SteadyStateEvaluator {
    static func evaluate(
        _ checks: SteadyStateChecks, detection: Double?, outOfRotation: Double?, recovery: Double?,
        requests: DrillReport.Requests, writes: DrillReport.Writes, sessions: DrillReport.Sessions, injected: Bool,
        detected: Bool
    ) -> [DrillReport.Check] {
        var result: [DrillReport.Check] = []
        if !injected {
            result.append(.init(name: "fault injected", limit: "yes", observed: "no", passed: false))
        }
        if let limit = checks.maxFailedRequestsPercent {
            result.append(
                .init(
                    name: "failed requests", limit: "≤ \(number(limit)) %",
                    observed: "\(number(requests.failedPercent)) % (\(requests.failed) of \(requests.sent))",
                    passed: requests.failedPercent <= limit))
        }
        result += timing("detection", checks.maxDetectionSeconds, detection)
        result += timing("out of rotation", checks.maxOutOfRotationSeconds, outOfRotation)
        result += timing("recovery", checks.maxRecoverySeconds, recovery)
        if injected, detected || recovery != nil {
            result.append(
                .init(
                    name: "recovered", limit: "every victim ready again",
                    observed: recovery.map { "after \(number($0)) s" } ?? "not within the recovery timeout",
                    passed: recovery != nil))
        }
        if checks.noLostWrites {
            let observed =
                writes.unverifiedAgents > 0
                ? "\(writes.lost) lost; \(writes.unverifiedAgents) agent(s) could not be read back"
                : "\(writes.lost) of \(writes.acknowledged) lost"
            result.append(
                .init(name: "no lost writes", limit: "0 lost", observed: observed, passed: writes.lost == 0 && writes.unverifiedAgents == 0))
        }
        if checks.sessionsStillValid {
            result.append(
                .init(
                    name: "sessions still valid", limit: "all \(sessions.agents)",
                    observed: "\(sessions.valid) of \(sessions.agents)", passed: sessions.valid == sessions.agents))
        }
        return result
    }

    static func timing(_ name: String, _ limit: Double?, _ observed: Double?) -> [DrillReport.Check] {
        guard let limit else { return [] }
        return [
            .init(
                name: name, limit: "≤ \(number(limit)) s", observed: observed.map { "\(number($0)) s" } ?? "not observed",
                passed: observed.map { $0 <= limit } ?? false)
        ]
    }

    /// Up to 3 decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
