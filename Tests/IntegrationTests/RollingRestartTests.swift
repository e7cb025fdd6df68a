import AsyncHTTPClient
import Foundation
import GWSOperator
import Testing

/// `gwsctl rollout restart workspace` on two Workspace instances while GET
/// requests flow through the proxy: each instance is drained and replaced
/// in turn, and not one request fails. Then Setting, with one replica: a
/// surge instance serves while it restarts. Then the proxy itself, the same
/// way, with a client that never retries a refused connect.
@Suite(.serialized) struct RollingRestartTests {
    @Test func aRollingRestartUnderLoadFailsNoRequest() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            _ = try await cluster.startOperator(DrillIntegrationTests.spec)
            let before = try await cluster.waitForAllReady(timeout: .seconds(120))
            let pids = Dictionary(uniqueKeysWithValues: before.instances.map { ($0.instance, $0.pid ?? 0) })
            _ = try await eventually { try await cluster.get(before.proxy + "/workspace/v3/version") }

            // Nothing asked for yet; an unknown role is refused.
            var result = try await cluster.gwsctl(["rollout", "status", "workspace"])
            #expect(result.status == 0 && result.stdout.contains("no rolling restart"), "\(result.stderr)")
            result = try await cluster.gwsctl(["rollout", "restart", "nosuchrole"])
            #expect(result.status == 1 && result.stderr.contains("no instances of role \"nosuchrole\""), "\(result.stderr)")

            let load = GetLoad(url: before.proxy + "/workspace/v3/version")
            let loadTask = Task { await load.run() }
            try await Task.sleep(for: .milliseconds(500))
            result = try await cluster.gwsctl(["rollout", "restart", "workspace", "--wait", "--timeout", "180"])
            try await Task.sleep(for: .milliseconds(500))
            await load.stop()
            await loadTask.value
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)\n\(cluster.operatorLog())")
            #expect(result.stdout.contains("rolling restart complete"))

            let (sent, failures, answeredBy) = await load.results()
            #expect(sent > 20)
            #expect(failures.isEmpty, "failed requests during the rollout: \(failures.prefix(5))")
            #expect(Set(answeredBy.keys) == ["workspace-0", "workspace-1"])

            // Both Workspace instances are new processes, nothing else restarted, the rollout is complete.
            let after = try await cluster.waitForAllReady()
            for row in after.instances {
                if row.role == "workspace" {
                    #expect(row.pid != pids[row.instance], "\(row.instance) was not replaced")
                    #expect(row.restarts == 0, "a rolling restart is not a crash restart")
                } else {
                    #expect(row.pid == pids[row.instance], "\(row.instance) should not have been touched")
                }
            }
            result = try await cluster.gwsctl(["rollout", "status", "workspace"])
            #expect(result.stdout.contains("workspace: Complete 2/2 restarted, 2 available"), "\(result.stdout)")

            // A single-replica role: a surge instance serves while the only one restarts, then goes.
            let setting = after.instances.first { $0.instance == "setting-0" }!
            let settingLoad = GetLoad(url: before.proxy + "/setting/v3/version")
            let settingTask = Task { await settingLoad.run() }
            try await Task.sleep(for: .milliseconds(500))
            result = try await cluster.gwsctl(["rollout", "restart", "setting", "--wait", "--timeout", "180"])
            try await Task.sleep(for: .milliseconds(500))
            await settingLoad.stop()
            await settingTask.value
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("extra instance"), "\(result.stdout)")
            let (settingSent, settingFailures, _) = await settingLoad.results()
            #expect(settingSent > 20)
            #expect(settingFailures.isEmpty, "failed requests during the rollout: \(settingFailures.prefix(5))")
            let final = try await cluster.waitFor("the surge instance gone") { s in
                s.phase == "Running" && !s.instances.contains { $0.instance == "setting-1" }
            }
            #expect(final.instances.first { $0.instance == "setting-0" }?.pid != setting.pid)

            // The proxy: its surge instance listens on the same public ports (SO_REUSEPORT) and the
            // draining one hands its clients over; a client that never retries a refused connect sees
            // no failure, and the address stays the same.
            let proxy = try #require(final.instances.first { $0.instance == "proxy-0" })
            var strict = HTTPClient.Configuration()
            strict.connectionPool.retryConnectionEstablishment = false
            let strictClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: strict)
            let proxyLoad = GetLoad(url: before.proxy + "/workspace/v3/version", client: strictClient)
            let proxyTask = Task { await proxyLoad.run() }
            try await Task.sleep(for: .milliseconds(500))
            result = try await cluster.gwsctl(["rollout", "restart", "proxy", "--wait", "--timeout", "180"])
            try await Task.sleep(for: .milliseconds(500))
            await proxyLoad.stop()
            await proxyTask.value
            try await strictClient.shutdown()
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("extra instance"), "\(result.stdout)")
            let (proxySent, proxyFailures, _) = await proxyLoad.results()
            #expect(proxySent > 20)
            #expect(proxyFailures.isEmpty, "failed requests during the proxy's rollout: \(proxyFailures.prefix(5))")
            let afterProxy = try await cluster.waitFor("the proxy's surge instance gone") { s in
                s.phase == "Running" && !s.instances.contains { $0.instance == "proxy-1" }
            }
            #expect(afterProxy.instances.first { $0.instance == "proxy-0" }?.pid != proxy.pid, "proxy-0 replaced")
            #expect(afterProxy.proxy == before.proxy && afterProxy.proxyHTTPS == before.proxyHTTPS, "the same address")
        }
    }
}

/// GET requests one after another (4 at a time) until stopped; every
/// non-2xx answer or error is a failure.
actor GetLoad {
    let url: String
    let client: HTTPClient
    var stopping = false
    var sent = 0
    var failures: [String] = []
    var answeredBy: [String: Int] = [:]

    init(url: String, client: HTTPClient = .shared) {
        self.url = url
        self.client = client
    }

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { await self.loop() } }
        }
    }

    private func loop() async {
        while !stopping {
            do {
                let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
                record(status: Int(response.status.code), body: body)
            } catch {
                record(error: "\(error)")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func record(status: Int = 0, body: String = "", error: String? = nil) {
        sent += 1
        if let error {
            failures.append(error)
        } else if !(200..<300).contains(status) {
            failures.append("\(status): \(body.prefix(200))")
        } else if let range = body.range(of: "workspace-[0-9]+", options: .regularExpression) {
            answeredBy[String(body[range]), default: 0] += 1
        }
    }

    func stop() { stopping = true }

    func results() -> (Int, [String], [String: Int]) { (sent, failures, answeredBy) }
}
