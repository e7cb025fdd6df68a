import Foundation
import Testing

@testable import GWSDrills

/// Report building: times measured from the fault (the slowest victim's),
/// counts, checks, the JSON keys scripts rely on, the Markdown.
@Suite struct DrillReportBuilderTests {
    let clock = DrillClock(origin: .now, wallOrigin: Date(timeIntervalSince1970: 1_800_000_000))

    func drill(_ steady: SteadyStateChecks = SteadyStateChecks()) -> DrillFile {
        DrillFile(
            name: "kill", hypothesis: "nothing fails", target: .role("workspace", select: .all),
            fault: DrillFault(kind: .kill), duration: 5, steadyState: steady)
    }

    let target = ResolvedTarget(kind: "role", selector: "role workspace", victims: [Cluster.workspace0, Cluster.workspace1])

    func observation(_ event: String, _ instance: String?, _ time: Double, component: String = "operator") -> Observation {
        Observation(event: event, component: component, instance: instance, detail: nil, time: time)
    }

    /// Fault at 10 s; workspace-0 detected at 10.1, workspace-1 at 10.3; …
    var observations: [Observation] {
        [
            observation(DrillEvent.faultInjected, "workspace-0", 10, component: "drill"),
            observation(DrillEvent.detected, "workspace-0", 10.1),
            observation(DrillEvent.outOfRotation, "workspace-0", 10.05, component: "discovery"),
            observation(DrillEvent.detected, "workspace-1", 10.3),
            observation(DrillEvent.outOfRotation, "workspace-1", 10.4, component: "discovery"),
            observation(DrillEvent.ejectedByProxy, nil, 10.2, component: "proxy"),
            observation(DrillEvent.recovered, "workspace-0", 11),
            observation(DrillEvent.recovered, "workspace-1", 12.5),
            observation(DrillEvent.backInRotation, "workspace-0", 11.1, component: "discovery"),
            observation(DrillEvent.backInRotation, "workspace-1", 12),
        ]
    }

    let records = [
        LoadRecord(time: 9, kind: .read, agent: 0, status: 200, latency: 0.01, instance: "workspace-1"),
        LoadRecord(time: 10.2, kind: .write, agent: 1, status: 502, latency: 0.02),
        LoadRecord(time: 10.5, kind: .read, agent: 0, status: nil, error: "timeout", latency: 1),
        LoadRecord(time: 12, kind: .write, agent: 1, status: 200, latency: 0.03),
    ]

    func build(
        _ steady: SteadyStateChecks = SteadyStateChecks(), verification: LoadVerification? = nil, abort: String? = nil,
        faultAt: Double? = 10
    ) -> DrillReport {
        DrillReportBuilder.build(
            DrillOutcome(
                drill: drill(steady), target: target, clock: clock, faultAt: faultAt, observations: observations,
                records: records,
                verification: verification
                    ?? LoadVerification(acknowledged: 1, lost: [], unverifiedAgents: 0, agents: 2, validSessions: 2),
                abortReason: abort))
    }

    @Test func timesAreTheSlowestVictimsFromTheFault() {
        let report = build()
        #expect(report.detectionSeconds == 0.2)  // workspace-1: proxy 0.2 before its operator 0.3
        #expect(report.outOfRotationSeconds == 0.2)
        #expect(report.recoverySeconds == 2.5)
        #expect(report.serviceRestoredSeconds == 1.5)  // the timeout came back at 11.5
        let operatorComponent = report.components.first { $0.component == "operator" }
        #expect(operatorComponent?.detectionSeconds == 0.3 && operatorComponent?.recoverySeconds == 2.5)
        let discovery = report.components.first { $0.component == "discovery" }
        #expect(discovery?.detectionSeconds == 0.4 && discovery?.recoverySeconds == 2)
        #expect(report.components.map(\.component) == ["operator", "discovery", "proxy", "load"])
        #expect(report.faultInjectedAt == "2027-01-15T08:00:10.000Z")
        #expect(report.timeline.first?.event == DrillEvent.faultInjected && report.timeline.first?.t == 0)
        #expect(report.timeline.contains { $0.event == DrillEvent.lastFailedRequest && $0.t == 1.5 })
    }

    @Test func requestsAndWritesAreCounted() {
        let report = build()
        #expect(report.requests.sent == 4 && report.requests.failed == 2 && report.requests.failedPercent == 50)
        #expect(report.requests.reads == .init(sent: 2, failed: 1))
        #expect(report.requests.writes == .init(sent: 2, failed: 1))
        #expect(report.requests.answeredBy == ["workspace-1": 1])
        #expect(report.requests.latency.max == 1)
        #expect(report.requests.sampleFailures.count == 2)
        #expect(report.writes.acknowledged == 1 && report.writes.lost == 0)
        #expect(report.passed)
    }

    @Test func checksFailOnBreachesAndOnWhatWasNotObserved() {
        let report = build(
            SteadyStateChecks(
                maxFailedRequestsPercent: 10, maxDetectionSeconds: 1, maxOutOfRotationSeconds: 0.1, maxRecoverySeconds: 5),
            verification: LoadVerification(acknowledged: 3, lost: ["a/drill-x-1"], unverifiedAgents: 0, agents: 2, validSessions: 1))
        let verdicts = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0.passed) })
        #expect(
            verdicts == [
                "failed requests": false, "detection": true, "out of rotation": false, "recovery": true, "recovered": true,
                "no lost writes": false, "sessions still valid": false,
            ])
        #expect(!report.passed)
        #expect(report.writes.lostItems == ["a/drill-x-1"])
        let never = build(SteadyStateChecks(maxRecoverySeconds: 5), faultAt: nil)
        #expect(never.checks.contains { $0.name == "fault injected" && !$0.passed })
        #expect(never.checks.contains { $0.name == "recovery" && $0.observed == "not observed" && !$0.passed })
    }

    @Test func anAbortedDrillDidNotPass() {
        let report = build(abort: "too many failures")
        #expect(report.aborted && report.abortReason == "too many failures" && !report.passed)
    }

    @Test func theJSONHasEveryKeyScriptsReadNullsIncluded() throws {
        var report = build()
        report.detectionSeconds = nil
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as! [String: Any]
        for key in [
            "target", "fault", "timeline", "requests", "writes", "detectionSeconds", "recoverySeconds", "aborted",
            "outOfRotationSeconds", "components", "checks", "passed",
        ] {
            #expect(object.keys.contains(key), "no \(key)")
        }
        #expect(object["detectionSeconds"] is NSNull)
        let timeline = object["timeline"] as! [[String: Any]]
        #expect(timeline.allSatisfy { $0["event"] is String && $0["at"] is String })
        let requests = object["requests"] as! [String: Any]
        #expect(requests["sent"] as? Int == 4 && requests["failed"] as? Int == 2)
        let writes = object["writes"] as! [String: Any]
        #expect(writes["acknowledged"] as? Int == 1 && writes["lost"] as? Int == 0)
        let decoded = try JSONDecoder().decode(DrillReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func markdownHasTheVerdictTablesAndTimeline() {
        let markdown = build().markdown()
        #expect(markdown.hasPrefix("# Drill kill: PASSED"))
        #expect(markdown.contains("| detection | 0.2 s |"))
        #expect(markdown.contains("## Timeline"))
        #expect(markdown.contains("| +0.000 | 2027-01-15T08:00:10.000Z | drill | fault injected | workspace-0 |"))
        #expect(markdown.contains("**Writes**: 1 acknowledged, 0 lost."))
    }

    @Test func abortConditions() {
        let conditions = AbortConditions(maxFailedRequestsPercent: 50, maxConsecutiveFailures: 5)
        #expect(AbortMonitor.reason(conditions, sent: 10, failed: 9, consecutiveFailures: 4) == nil)  // too few to judge a share
        #expect(AbortMonitor.reason(conditions, sent: 40, failed: 21, consecutiveFailures: 0)?.contains("52.5 %") == true)
        #expect(AbortMonitor.reason(conditions, sent: 40, failed: 20, consecutiveFailures: 0) == nil)
        #expect(AbortMonitor.reason(conditions, sent: 3, failed: 3, consecutiveFailures: 5)?.contains("in a row") == true)
        #expect(AbortMonitor.reason(AbortConditions(), sent: 100, failed: 100, consecutiveFailures: 100) == nil)
    }
}
