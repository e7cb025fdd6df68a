import Foundation
import GWSOperator
import Testing

/// `gwsctl drill run` against a real cluster (two Workspace instances), one
/// small drill of each kind, asserting on the report's facts: the fault was
/// injected, the victim left rotation and came back, no acknowledged write
/// was lost, sessions survived where they can, failures stayed within the
/// drill's tolerance. No wall-clock number is asserted.
@Suite(.serialized) struct DrillIntegrationTests {
    /// The roles the load needs (proxy, auth, configuration, setting, workspace), Workspace twice.
    static let spec = [
        "--set", "gwsServices.gwsAppWorkspace.deployment.replicaCount=2",
        "--set", "gwsServices.gwsAppProvisioning.enabled=false,gwsServices.gwsPlatformStatistics.enabled=false",
        "--set", "gwsServices.gwsPlatformDatacollector.enabled=false,gwsServices.gwsPlatformIxn.enabled=false",
        "--set", "gwsServices.gwsUiProvisioning.enabled=false,gwsServices.gwsPlatformVoice.enabled=false",
    ]

    /// A small drill file: 1 s warm-up, 2 agents at 10 requests/s, failures within `tolerance` %
    /// (a store drill right after another may see its last failures during the warm-up: not aborted).
    static func drill(_ name: String, target: String, fault: String, duration: String = "3s", tolerance: Double? = 5)
        -> String
    {
        """
        name: \(name)
        target: \(target)
        fault: \(fault)
        duration: \(duration)
        warmup: 1s
        recoveryTimeout: 60s
        load: {agents: 2, rate: 10, writeRatio: 0.3}
        abort: {requireCleanWarmup: false}
        steadyState:
          noLostWrites: true
          sessionsStillValid: true
        \(tolerance.map { "  maxFailedRequestsPercent: \($0)" } ?? "")
        """
    }

    /// Runs a drill file; returns the exit status, the report and the output.
    static func run(_ cluster: ClusterHarness, _ name: String, _ yaml: String, dryRun: Bool = false) async throws
        -> (status: Int32, report: [String: Any], output: String)
    {
        let file = cluster.stateDir + "/\(name).yaml"
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let output = cluster.stateDir + "/\(name)-report.json"
        let result = try await cluster.gwsctl(["drill", "run", file, "--output", output] + (dryRun ? ["--dry-run"] : []))
        guard !dryRun else { return (result.status, [:], result.stdout + result.stderr) }
        let data = try #require(FileManager.default.contents(atPath: output), "no report: \(result.stdout) \(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(FileManager.default.fileExists(atPath: cluster.stateDir + "/\(name)-report.md"))
        return (result.status, report, result.stdout + result.stderr)
    }

    /// The events of the timeline for `instance` (all when nil).
    static func events(_ report: [String: Any], _ instance: String? = nil) -> [String] {
        let timeline = report["timeline"] as? [[String: Any]] ?? []
        return timeline.filter { instance == nil || $0["instance"] as? String == instance }.compactMap { $0["event"] as? String }
    }

    static func count(_ report: [String: Any], _ section: String, _ key: String) -> Int {
        (report[section] as? [String: Any])?[key] as? Int ?? -1
    }

    static func check(_ report: [String: Any], _ name: String) -> Bool? {
        (report["checks"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["passed"] as? Bool
    }

    /// What every drill under load must show: writes acknowledged and none lost, agents counted.
    static func expectLoadFacts(_ report: [String: Any], _ output: String) {
        #expect(count(report, "requests", "sent") > 0, "\(output)")
        #expect(count(report, "writes", "acknowledged") > 0)
        #expect(count(report, "writes", "lost") == 0, "\(report["writes"] ?? "")")
        #expect(count(report, "sessions", "agents") == 2)
        #expect(report["aborted"] as? Bool == false, "\(report["abortReason"] ?? "")")
    }

    @Test func drillsOfEveryKind() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            _ = try await cluster.startOperator(Self.spec)
            _ = try await cluster.waitForAllReady(timeout: .seconds(120))
            try await cluster.waitForCredentials()
            try await instanceDrills(cluster)
            try await roleStoreAndOperatorDrills(cluster)
        }
    }

    func instanceDrills(_ cluster: ClusterHarness) async throws {
        // --dry-run names the victim and changes nothing.
        let before = try await cluster.status()
        let dry = try await Self.run(
            cluster, "dry", Self.drill("dry", target: "{instance: workspace-0}", fault: "{kind: kill}"), dryRun: true)
        #expect(dry.status == 0 && dry.output.contains("would hit workspace-0"), "\(dry.output)")
        #expect(try await cluster.status().instances.map(\.pid) == before.instances.map(\.pid))

        // kill -9: out of rotation, replaced, back; requests within tolerance, no write lost, sessions valid.
        let kill = try await Self.run(cluster, "kill", Self.drill("kill", target: "{instance: workspace-0}", fault: "{kind: kill}"))
        Self.expectLoadFacts(kill.report, kill.output)
        let killed = Self.events(kill.report, "workspace-0")
        #expect(killed.contains("fault injected") && killed.contains("replaced") && killed.contains("recovered"), "\(killed)")
        #expect(kill.report["outOfRotationSeconds"] is Double, "the victim left rotation")
        #expect(Self.check(kill.report, "failed requests") == true && Self.check(kill.report, "sessions still valid") == true)
        #expect(kill.status == 0, "\(kill.output)")
        _ = try await cluster.waitForAllReady()

        // SIGSTOP for 3 s: out of rotation while hung, SIGCONT sent, back in service.
        let hang = try await Self.run(
            cluster, "hang",
            Self.drill("hang", target: "{instance: workspace-1}", fault: "{kind: hang, seconds: 3s}", duration: "4s", tolerance: nil))
        Self.expectLoadFacts(hang.report, hang.output)
        let hung = Self.events(hang.report, "workspace-1")
        #expect(hung.contains("out of rotation") && hung.contains("fault ended"), "\(hung)")
        #expect(hang.report["recoverySeconds"] is Double, "\(hung)")
        #expect(Self.check(hang.report, "sessions still valid") == true)
        _ = try await cluster.waitForAllReady()

        // SIGTERM: a graceful stop, restarted by the operator.
        let restart = try await Self.run(
            cluster, "restart", Self.drill("restart", target: "{instance: workspace-0}", fault: "{kind: restart}"))
        Self.expectLoadFacts(restart.report, restart.output)
        #expect(Self.events(restart.report, "workspace-0").contains("recovered"))
        #expect(restart.status == 0, "\(restart.output)")
        _ = try await cluster.waitForAllReady()
    }

    func roleStoreAndOperatorDrills(_ cluster: ClusterHarness) async throws {
        // A rolling restart of Workspace under load: complete, nothing failed.
        let rollout = try await Self.run(
            cluster, "rollout", Self.drill("rollout", target: "{role: workspace}", fault: "{kind: rollout}", duration: "1s", tolerance: 0))
        Self.expectLoadFacts(rollout.report, rollout.output)
        #expect(Self.events(rollout.report).contains("rollout complete"), "\(Self.events(rollout.report))")
        #expect(Self.events(rollout.report, "workspace-0").contains("replaced") && Self.events(rollout.report, "workspace-1").contains("replaced"))
        #expect(Self.count(rollout.report, "requests", "failed") == 0)
        #expect(rollout.status == 0, "\(rollout.output)")
        _ = try await cluster.waitForAllReady()

        // A random Workspace instance.
        let role = try await Self.run(
            cluster, "role", Self.drill("role", target: "{role: workspace, select: one}", fault: "{kind: kill}"))
        Self.expectLoadFacts(role.report, role.output)
        let victims = ((role.report["target"] as? [String: Any])?["victims"] as? [[String: Any]]) ?? []
        #expect(victims.count == 1)
        #expect(role.status == 0, "\(role.output)")
        _ = try await cluster.waitForAllReady()

        // PostgreSQL killed: the operator restarts it; writes fail meanwhile, none acknowledged is lost.
        let pg = try await Self.run(
            cluster, "postgres", Self.drill("postgres", target: "{store: postgres}", fault: "{kind: kill}", tolerance: nil))
        Self.expectLoadFacts(pg.report, pg.output)
        #expect(Self.events(pg.report, "postgres-0").contains("recovered"))
        #expect(Self.check(pg.report, "no lost writes") == true)
        _ = try await cluster.waitForAllReady()

        // Redis killed: restarted from its append-only file, so every session survives it.
        let redis = try await Self.run(
            cluster, "redis", Self.drill("redis", target: "{store: redis}", fault: "{kind: kill}", tolerance: nil))
        #expect(Self.events(redis.report).contains("fault injected") && redis.report["recoverySeconds"] is Double)
        let sessions = redis.report["sessions"] as? [String: Any] ?? [:]
        let allValid = sessions["valid"] as? Int == sessions["agents"] as? Int
        #expect(Self.check(redis.report, "sessions still valid") == allValid)
        #expect(allValid, "sessions after the Redis kill: \(sessions)")
        #expect((redis.status == 0) == (redis.report["passed"] as? Bool == true))
        _ = try await cluster.waitForAllReady()
        try await cluster.waitForCredentials()

        // The operator killed: a new one (started by the drill) adopts every instance.
        let operatorBefore = try await cluster.status().operatorPID
        let op = try await Self.run(
            cluster, "operator", Self.drill("operator", target: "{operator: leader}", fault: "{kind: kill}"))
        Self.expectLoadFacts(op.report, op.output)
        #expect(op.report["instancesKeptRunning"] as? Bool == true)
        #expect(Self.events(op.report, "operator").contains("recovered"))
        #expect(try await cluster.status().operatorPID != operatorBefore)
        #expect(op.status == 0, "\(op.output)")

        // A planned handover: the leader steps down leaving every instance running; with no
        // standby waiting, the drill's rollback starts the next operator, which adopts them all.
        let leaderBefore = try await cluster.status().operatorPID
        let handover = try await Self.run(
            cluster, "step-down",
            Self.drill("step-down", target: "{operator: leader}", fault: "{kind: step-down}", duration: "2s"))
        Self.expectLoadFacts(handover.report, handover.output)
        #expect((handover.report["fault"] as? [String: Any])?["kind"] as? String == "step-down")
        #expect(handover.report["instancesKeptRunning"] as? Bool == true)
        #expect(Self.events(handover.report, "operator").contains("recovered"))
        #expect(try await cluster.status().operatorPID != leaderBefore)
        #expect(handover.status == 0, "\(handover.output)")
    }
}

extension ClusterHarness {
    /// Waits until the operator wrote the demo tenant's credentials.
    func waitForCredentials(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: stateDir + "/credentials.json") { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw HarnessError("no credentials.json after \(timeout)\n\(operatorLog())")
    }
}
