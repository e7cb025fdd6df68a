import Testing

@testable import GWSDrills

/// The load's pure parts: which request comes next, cookies, version bodies, proxy metrics.
@Suite struct LoadTests {
    @Test func everyAgentWritesItsShareWithUniqueSequenceNumbers() {
        let agents = 4
        var writesByAgent: [Int: Int] = [:]
        var sequences = Set<Int>()
        for sequence in 0..<400 {
            let op = LoadGenerator.operation(number: sequence / agents, sequence: sequence, writeRatio: 0.25)
            if case .write(let n) = op {
                writesByAgent[sequence % agents, default: 0] += 1
                sequences.insert(n)
            }
        }
        #expect(writesByAgent == [0: 25, 1: 25, 2: 25, 3: 25])
        #expect(sequences.count == 100)
        #expect(LoadGenerator.operation(number: 0, sequence: 0, writeRatio: 0) == .currentSession)
        #expect(LoadGenerator.operation(number: 1, sequence: 1, writeRatio: 0) == .version)
        #expect(LoadGenerator.operation(number: 0, sequence: 7, writeRatio: 1) == .write(sequence: 7))
    }

    @Test func theSessionCookieFromSetCookie() {
        #expect(SimulatedAgent.sessionCookie(["a=b; Path=/", "WORKSPACE_SESSIONID=abc123; Path=/workspace/v3; HttpOnly"]) == "abc123")
        #expect(SimulatedAgent.sessionCookie(["WORKSPACE_SESSIONID=; Max-Age=0"]) == nil)
        #expect(SimulatedAgent.sessionCookie([]) == nil)
    }

    @Test func theAnsweringInstanceOfAVersionBody() {
        #expect(LoadRecord.instance(inVersionBody: #"{"changeset":"dev","instance":"workspace-1","role":"workspace"}"#) == "workspace-1")
        #expect(LoadRecord.instance(inVersionBody: "{}") == nil)
        #expect(LoadRecord(time: 1, kind: .read, agent: 0, status: 503, latency: 0.5).failed)
        #expect(LoadRecord(time: 1, kind: .read, agent: 0, status: 200, latency: 0.5).end == 1.5)
    }

    @Test func proxyEjectionsByService() {
        let metrics = """
            # TYPE gws_proxy_ejections_total counter
            gws_proxy_ejections_total{service="gws-app-workspace"} 2
            gws_proxy_ejections_total{service="gws-platform-setting"} 1.0
            gws_proxy_retries_total{service="gws-app-workspace"} 7
            """
        #expect(ClusterObserver.parseEjections(metrics) == ["gws-app-workspace": 2, "gws-platform-setting": 1])
    }

    @Test func theDryRunSaysWhatWouldBeHit() {
        let plan = DrillPlan(
            drill: DrillFile(
                name: "k", target: .instance("workspace-0"), fault: DrillFault(kind: .hang, seconds: 2), duration: 3,
                steadyState: SteadyStateChecks(maxOutOfRotationSeconds: 3)),
            target: ResolvedTarget(kind: "instance", selector: "instance workspace-0", victims: [Cluster.workspace0]),
            clusterPhase: "Running", proxy: "http://127.0.0.1:8090")
        let text = plan.text()
        #expect(text.contains("dry run: nothing is changed"))
        #expect(text.contains("would hit workspace-0 (role workspace, pid 30, service gws-app-workspace)"))
        #expect(text.contains("SIGSTOP to the process group, SIGCONT after 2s"))
        #expect(text.contains("out of rotation ≤ 3 s"))
    }
}
