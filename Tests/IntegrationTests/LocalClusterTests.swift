import AsyncHTTPClient
import Foundation
import GWSOperator
import GWSSpec
import NIOSSL
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The whole local cluster, with the real binaries: up, through the proxy,
/// scale, crash, operator restart and adoption, a bad spec, down.
@Suite(.serialized) struct LocalClusterTests {
    @Test func theWholeClusterLifecycle() async throws {
        try await withClusters(1) { try await lifecycle($0[0]) }
    }

    func lifecycle(_ cluster: ClusterHarness) async throws {
        let operatorPID = try await cluster.startOperator()

        // 1. Every default role comes up and gets ready.
        var status = try await cluster.waitForAllReady()
        // Every default role, plus the stores the operator runs (Elasticsearch's
        // stand-in only where osmem-server is installed: hack/test.sh installs it).
        let expectedRoles = Set(RoleCatalog.all.filter(\.enabledByDefault).map(\.role)).union(["postgres", "redis"])
        #expect(Set(status.instances.map(\.role)).subtracting(["elasticsearch"]) == expectedRoles)
        #expect(status.instances.allSatisfy { $0.ready && $0.pid != nil && $0.port != nil && $0.restarts == 0 })
        #expect(status.proxy.hasPrefix("http://127.0.0.1:"))

        // An idle cluster causes no reconcile (probes run, but nothing changes).
        func reconciles() async throws -> Int {
            let metrics = try await cluster.get(status.consul + "/metrics").body
            let line = metrics.split(separator: "\n").first { $0.hasPrefix("gws_operator_reconcile_total ") }
            return Int(Double(line?.split(separator: " ").last ?? "") ?? -1)
        }
        let idleBefore = try await reconciles()
        try await Task.sleep(for: .seconds(3))
        #expect(idleBefore > 0)
        #expect(try await reconciles() == idleBefore, "no reconcile while nothing changes")

        // 2. Every role answers GET <base>/version through the proxy, once discovery has them all.
        for role in RoleCatalog.all where role.enabledByDefault {
            for base in role.basePaths {
                let response = try await eventually { try await cluster.get(status.proxy + base + "/version") }
                #expect(response.status == 200, "\(base)/version answered \(response.status): \(response.body)")
                #expect(response.body.contains("\"role\":\"\(role.role)\"") || response.body.contains("\"role\" : \"\(role.role)\""))
            }
        }
        // An unknown prefix is a 404 in the GWS envelope.
        let missing = try await cluster.get(status.proxy + "/nowhere/v3/version")
        #expect(missing.status == 404)
        #expect(missing.body.contains("\"status\""))

        // HTTPS through the proxy with the self-signed certificate.
        if let https = status.proxyHTTPS {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
            let response = try await eventually { try await cluster.get(https + "/workspace/v3/version", client: client) }
            #expect(response.status == 200)
            try await client.shutdown()
        } else {
            Issue.record("the proxy has no HTTPS listener by default")
        }

        // 3. Scale workspace up to 2: both instances serve through the proxy.
        var result = try await cluster.gwsctl(["apply", "--set", "gwsServices.gwsAppWorkspace.deployment.replicaCount=2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("+ start workspace-1"))
        status = try await cluster.waitFor("workspace-1 ready") { s in
            s.phase == "Running" && s.instances.contains { $0.instance == "workspace-1" && $0.ready }
        }
        var seen = Set<String>()
        for _ in 0..<40 where seen.count < 2 {
            let r = try await cluster.get(status.proxy + "/workspace/v3/version")
            if r.body.contains("workspace-0") { seen.insert("workspace-0") }
            if r.body.contains("workspace-1") { seen.insert("workspace-1") }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(seen == ["workspace-0", "workspace-1"], "the proxy should balance over both instances")

        // Scale back down: workspace-1's process goes away.
        let ws1 = try #require(status.instances.first { $0.instance == "workspace-1" }?.pid)
        result = try await cluster.gwsctl(["apply"])  // back to the defaults: 1 replica
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("- stop workspace-1"))
        status = try await cluster.waitFor("workspace-1 gone") { s in
            !s.instances.contains { $0.instance == "workspace-1" } && s.phase == "Running"
        }
        #expect(await cluster.waitUntilDead(ws1))

        // 4. kill -9 an instance: it is replaced and back in rotation.
        let voice = try #require(status.instances.first { $0.instance == "voice-0" })
        kill(try #require(voice.pid), SIGKILL)
        status = try await cluster.waitFor("voice-0 replaced") { s in
            s.instances.contains { $0.instance == "voice-0" && $0.ready && $0.pid != voice.pid && $0.restarts == 1 }
        }
        let voiceAgain = try await eventually { try await cluster.get(status.proxy + "/voice/v3/version") }
        #expect(voiceAgain.status == 200)

        // 4b. A hung instance (SIGSTOP) fails liveness and is replaced.
        let setting = try #require(status.instances.first { $0.instance == "setting-0" })
        let settingPID = try #require(setting.pid)
        kill(settingPID, SIGSTOP)
        status = try await cluster.waitFor("hung setting-0 replaced") { s in
            s.instances.contains { $0.instance == "setting-0" && $0.ready && $0.pid != setting.pid && $0.restarts == 1 }
        }
        #expect(await cluster.waitUntilDead(settingPID))
        let operatorLog = try await cluster.gwsctl(["logs", "operator"])
        #expect(operatorLog.status == 0)
        let logs = try await cluster.gwsctl(["logs", "setting-0", "--tail", "50"])
        #expect(logs.status == 0)
        #expect(logs.stdout.contains("listening on http://127.0.0.1:"))
        let noLogs = try await cluster.gwsctl(["logs", "nosuch-0"])
        #expect(noLogs.status == 1)
        #expect(noLogs.stderr.contains("known instances"))

        // 5. A bad spec is rejected with every error and changes nothing.
        let before = status.instances.map { "\($0.instance):\($0.pid ?? 0)" }
        result = try await cluster.gwsctl([
            "apply", "--set", "gwsServices.gwsAppWorkspace.deployment.replicaCount=-2",
            "--set", "gwsServices.gwsPlatformVoce.enabled=true",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("replicaCount"))
        #expect(result.stderr.contains("gwsPlatformVoce") && result.stderr.contains("gwsPlatformVoice"))
        #expect(result.stderr.contains("nothing was changed"))
        status = try await cluster.status()
        #expect(status.instances.map { "\($0.instance):\($0.pid ?? 0)" } == before)

        // 6. The operator is killed and restarted: it adopts every instance.
        let pidsBefore = try Self.pids(status)
        kill(operatorPID, SIGKILL)
        #expect(await cluster.waitUntilDead(operatorPID))
        #expect(pidsBefore.values.allSatisfy { ClusterHarness.isAlive($0) }, "instances survive the operator")
        let secondOperator = try await cluster.startOperator()
        status = try await cluster.waitForAllReady()
        let pidsAfter = try Self.pids(status)
        #expect(pidsAfter == pidsBefore, "adopted, not restarted")
        #expect(cluster.stateDirectory.readRecords().count == pidsBefore.count, "no duplicates")
        let afterAdoption = try await eventually { try await cluster.get(status.proxy + "/workspace/v3/version") }
        #expect(afterAdoption.status == 200)

        // 7. down stops every instance and the operator.
        result = try await cluster.gwsctl(["down"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(await cluster.waitUntilDead(secondOperator))
        for pid in pidsAfter.values { #expect(await cluster.waitUntilDead(pid)) }
        #expect(cluster.stateDirectory.readRecords().isEmpty)
    }

    @Test func aBadSpecAtStartupStartsNothing() async throws {
        try await withClusters(1) { try await badSpecAtStartup($0[0]) }
    }

    func badSpecAtStartup(_ cluster: ClusterHarness) async throws {
        let bad = cluster.stateDir + "/bad.yaml"
        try "gwsServices:\n  gwsAppWorkspace:\n    deployment:\n      replicaCount: two\n    servce: {}\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let result = try await cluster.gwsctl(["up", "-f", bad])
        #expect(result.status == 2)
        #expect(result.stderr.contains("spec.gwsServices.gwsAppWorkspace.deployment.replicaCount"))
        #expect(result.stderr.contains("servce") && result.stderr.contains("did you mean \"service\""))
        #expect(cluster.stateDirectory.readRecords().isEmpty)
        let plan = try await cluster.gwsctl(["plan", "-f", bad])
        #expect(plan.status == 2)
    }

    @Test func twoClustersRunSideBySide() async throws {
        let small = [
            "--set", "gwsServices.gwsAppProvisioning.enabled=false,gwsServices.gwsPlatformConfiguration.enabled=false",
            "--set", "gwsServices.gwsPlatformSetting.enabled=false,gwsServices.gwsPlatformStatistics.enabled=false",
            "--set", "gwsServices.gwsPlatformDatacollector.enabled=false,gwsServices.gwsPlatformIxn.enabled=false",
            "--set", "gwsServices.gwsUiProvisioning.enabled=false,externals.tenant.enabled=false,externals.auth.enabled=false",
        ]
        try await withClusters(2) { clusters in
            try await sideBySide(clusters[0], clusters[1], small)
        }
    }

    func sideBySide(_ a: ClusterHarness, _ b: ClusterHarness, _ small: [String]) async throws {
        _ = try await a.startOperator(small)
        _ = try await b.startOperator(small)
        let sa = try await a.waitForAllReady()
        let sb = try await b.waitForAllReady()
        let portsA = Set(sa.instances.compactMap(\.port))
        let portsB = Set(sb.instances.compactMap(\.port))
        #expect(portsA.isDisjoint(with: portsB))
        #expect(sa.consul != sb.consul)
        #expect(try await eventually { try await a.get(sa.proxy + "/workspace/v3/version") }.status == 200)
        #expect(try await eventually { try await b.get(sb.proxy + "/workspace/v3/version") }.status == 200)
        // A second operator on the same state directory is refused.
        let dup = try await a.gwsctl(["up"])
        #expect(dup.status != 0)
        #expect(dup.stderr.contains("already running"))
    }

    /// Instance → pid; fails the test (not the process) when an instance has no process.
    static func pids(_ status: OperatorStatus) throws -> [String: Int32] {
        var pids: [String: Int32] = [:]
        for row in status.instances {
            let pid: Int32 = try #require(row.pid, "\(row.instance) has no process")
            pids[row.instance] = pid
        }
        return pids
    }
}

/// Retries a request until it answers 2xx (discovery converges within a few seconds).
func eventually(
    _ attempt: () async throws -> (status: Int, body: String), timeout: Duration = .seconds(15)
) async throws -> (status: Int, body: String) {
    let deadline = ContinuousClock.now + timeout
    var last: (status: Int, body: String)?
    var lastError: (any Error)?
    while ContinuousClock.now < deadline {
        do {
            let r = try await attempt()
            if (200..<300).contains(r.status) { return r }
            last = r
        } catch { lastError = error }
        try await Task.sleep(for: .milliseconds(200))
    }
    if let last { return last }
    throw lastError ?? HarnessError("no answer")
}
