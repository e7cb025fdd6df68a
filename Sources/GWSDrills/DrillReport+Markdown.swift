import Foundation

extension DrillReport {
    /// The report as Markdown: verdict, target and fault, measured times,
    /// checks, traffic, writes and sessions, timeline.
    public func markdown() -> String {
        func seconds(_ value: Double?) -> String { value.map { SteadyStateEvaluator.number($0) + " s" } ?? "—" }
        var lines = [
            "# Drill \(drill): \(passed ? "PASSED" : aborted ? "ABORTED" : "FAILED")", "",
        ]
        if !hypothesis.isEmpty { lines += ["> \(hypothesis)", ""] }
        lines += [
            "- **Target**: \(target.selector) → " + target.victims.map { "`\($0.instance)` (pid \($0.pid))" }.joined(separator: ", "),
            "- **Fault**: \(fault.kind) — \(fault.action); window \(SteadyStateEvaluator.number(fault.durationSeconds)) s",
            "- **Started**: \(startedAt); fault injected \(faultInjectedAt ?? "never")",
        ]
        if aborted { lines.append("- **Aborted**: \(abortReason ?? "")") }
        if let kept = instancesKeptRunning { lines.append("- **Instances kept running**: \(kept ? "yes" : "no")") }
        lines += [
            "", "| measured | seconds after the fault |", "|---|---|",
            "| detection | \(seconds(detectionSeconds)) |",
            "| out of rotation | \(seconds(outOfRotationSeconds)) |",
            "| recovery | \(seconds(recoverySeconds)) |",
            "| promoted (replicated store, elected singleton) | \(seconds(promotedSeconds)) |",
            "| service restored (last failed request) | \(seconds(serviceRestoredSeconds)) |",
            "", "| component | detection | recovery | what |", "|---|---|---|---|",
        ]
        for c in components {
            lines.append("| \(c.component) | \(seconds(c.detectionSeconds)) | \(seconds(c.recoverySeconds)) | \(c.note) |")
        }
        lines += ["", "| check | limit | observed | |", "|---|---|---|---|"]
        for c in checks { lines.append("| \(c.name) | \(c.limit) | \(c.observed) | \(c.passed ? "✅" : "❌") |") }
        lines += [
            "",
            "**Requests**: \(requests.sent) sent, \(requests.failed) failed (\(SteadyStateEvaluator.number(requests.failedPercent)) %); "
                + "reads \(requests.reads.sent)/\(requests.reads.failed) failed, writes \(requests.writes.sent)/\(requests.writes.failed) failed; "
                + "latency p50 \(seconds(requests.latency.p50)), p95 \(seconds(requests.latency.p95)), max \(seconds(requests.latency.max)).  ",
            "**Writes**: \(writes.acknowledged) acknowledged, \(writes.lost) lost"
                + (writes.unverifiedAgents > 0 ? ", \(writes.unverifiedAgents) agent(s) unverified" : "") + ".  ",
            "**Sessions**: \(sessions.valid) of \(sessions.agents) still valid.",
        ]
        if !requests.sampleFailures.isEmpty {
            lines += ["", "Failed requests (first \(requests.sampleFailures.count)):", ""]
            lines += requests.sampleFailures.map { "- \($0)" }
        }
        lines += ["", "## Timeline", "", "| t (s) | at | component | event | instance | detail |", "|---|---|---|---|---|---|"]
        for e in timeline {
            lines.append(
                "| \(String(format: "%+.3f", e.t)) | \(e.at) | \(e.component) | \(e.event) | \(e.instance ?? "") | \(e.detail ?? "") |")
        }
        if !notes.isEmpty { lines += ["", "## Notes", ""] + notes.map { "- \($0)" } }
        return lines.joined(separator: "\n") + "\n"
    }
}
