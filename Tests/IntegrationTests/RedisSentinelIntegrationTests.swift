import AsyncHTTPClient
import Foundation
import GWSOperator
import NIOCore
import Subprocess
import SystemPackage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Redis HA in local mode (`redis.sentinel.enabled=true`) with the real
/// binaries: `redis-0` (master), `redis-1` (replica), three Sentinels. The
/// master is SIGKILLed under a logged-in agent: the Workspace session stays
/// valid, writes resume on the promoted replica, and the operator brings the
/// old master back as a replica of the new one.
@Suite(.serialized) struct RedisSentinelIntegrationTests {
    /// Auth, Configuration and Workspace (and what they need), with Redis HA on.
    static let options = [
        "--set", "gwsServices.gwsAppProvisioning.enabled=false,gwsServices.gwsUiProvisioning.enabled=false",
        "--set", "gwsServices.gwsPlatformStatistics.enabled=false,gwsServices.gwsPlatformDatacollector.enabled=false",
        "--set", "gwsServices.gwsPlatformIxn.enabled=false,gwsServices.gwsPlatformSetting.enabled=false",
        "--set", "externals.tenant.enabled=false,redis.sentinel.enabled=true",
    ]

    struct Credentials: Decodable {
        struct Agent: Decodable {
            var username: String
            var password: String
        }
        var tenant: String
        var agents: [Agent]
    }

    @Test func masterLossKeepsTheSessionAndTheOldMasterReturnsAsAReplica() async throws {
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            _ = try await cluster.startOperator(Self.options)
            var status = try await cluster.waitForAllReady(timeout: .seconds(120))
            let ids = Set(status.instances.map(\.instance))
            #expect(ids.isSuperset(of: ["redis-0", "redis-1", "redis-sentinel-0", "redis-sentinel-1", "redis-sentinel-2"]))
            status = try await cluster.waitFor("redis-0 master, redis-1 replica") {
                $0.replication("redis-0") == "master" && $0.replication("redis-1") == "replica"
            }
            #expect(status.replication("redis-sentinel-0") == "sentinel")
            let table = try await cluster.gwsctl(["status"])
            #expect(table.stdout.contains("redis (master)"))

            // An agent logs in and opens a Workspace session (kept in Redis).
            let proxy = status.proxy
            let credentials = try await cluster.credentials()
            let agent = credentials.agents[0]
            let token = try await Self.token(proxy, tenant: credentials.tenant, agent.username, agent.password)
            var cookie = ""
            let deadline = ContinuousClock.now + .seconds(30)  // until discovery has Workspace in rotation
            while cookie.isEmpty {
                do { cookie = try await Self.initializeWorkspace(proxy, token: token) } catch {
                    if ContinuousClock.now > deadline { throw error }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            #expect(try await Self.currentSession(proxy, token: token, cookie: cookie).status == 200)

            // The session has reached the replica before the master dies.
            let master = try #require(status.instances.first { $0.instance == "redis-0" })
            let replica = try #require(status.instances.first { $0.instance == "redis-1" })
            let masterPort = try #require(master.port), replicaPort = try #require(replica.port)
            for _ in 0..<100 where try await Self.redisCLI(replicaPort, ["EXISTS", "gws:session:\(cookie)"]) != "1" {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await Self.redisCLI(replicaPort, ["EXISTS", "gws:session:\(cookie)"]) == "1")

            let killed = ContinuousClock.now
            kill(try #require(master.pid), SIGKILL)
            // The session read waits for the failover and answers: the agent stays logged in.
            let read = try await Self.currentSession(proxy, token: token, cookie: cookie)
            let readBack = ContinuousClock.now - killed
            #expect(read.status == 200, "\(read.body)")
            // A write (a new session: SET NX) is accepted by the new master.
            let written = try await Self.initializeWorkspace(proxy, token: token)
            let writesResumed = ContinuousClock.now - killed
            #expect(!written.isEmpty)
            print("Redis HA: master SIGKILLed → session read answered after \(readBack), a write after \(writesResumed)")

            // The operator restarts redis-0 as a replica of the promoted redis-1, never as a second master.
            status = try await cluster.waitFor("redis-0 back as a replica of redis-1", timeout: .seconds(60)) {
                $0.replication("redis-1") == "master" && $0.replication("redis-0") == "replica"
                    && $0.instances.contains { $0.instance == "redis-0" && $0.pid != master.pid && $0.ready }
            }
            let role = try await Self.redisCLI(masterPort, ["ROLE"])
            #expect(role.hasPrefix("slave\n127.0.0.1\n\(replicaPort)"), "\(role)")
            #expect(try await Self.currentSession(proxy, token: token, cookie: cookie).status == 200)
            for _ in 0..<100 where try await Self.redisCLI(masterPort, ["EXISTS", "gws:session:\(cookie)"]) != "1" {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await Self.redisCLI(masterPort, ["EXISTS", "gws:session:\(cookie)"]) == "1", "resynced")
            #expect(status.instances.first { $0.instance == "redis-0" }?.restarts == 1)
        }
    }

    // MARK: - Helpers

    /// An agent's access token (password grant, the public `agent-setup` client).
    static func token(_ proxy: String, tenant: String, _ user: String, _ password: String) async throws -> String {
        func encoded(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
        let form = "grant_type=password&client_id=agent-setup&username=\(encoded("\(tenant)\\\(user)"))&password=\(encoded(password))"
        var request = HTTPClientRequest(url: proxy + "/auth/v3/oauth/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await eventuallyResponse(request)
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok,
            let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
            let token = json["access_token"] as? String
        else { throw HarnessError("no token: \(response.status) \(String(buffer: body))") }
        return token
    }

    /// `POST /workspace/v3/initialize-workspace`: the new session's cookie value.
    static func initializeWorkspace(_ proxy: String, token: String) async throws -> String {
        var request = HTTPClientRequest(url: proxy + "/workspace/v3/initialize-workspace")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let cookie = response.headers["set-cookie"].first.flatMap { header in
            header.split(separator: ";").first.flatMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return parts.count == 2 && parts[0] == "WORKSPACE_SESSIONID" ? String(parts[1]) : nil
            }
        }
        guard response.status == .ok, let cookie else {
            throw HarnessError("initialize-workspace: \(response.status) \(String(buffer: body))")
        }
        return cookie
    }

    static func currentSession(_ proxy: String, token: String, cookie: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: proxy + "/workspace/v3/current-session")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Cookie", value: "WORKSPACE_SESSIONID=\(cookie)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    /// Retries while the route is not served yet (discovery converging).
    static func eventuallyResponse(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(30))
            if let response, response.status.code < 500 || ContinuousClock.now > deadline { return response }
            if ContinuousClock.now > deadline { throw HarnessError("no answer from \(request.url)") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// `redis-cli -p <port> <args>`: its output, trimmed.
    static func redisCLI(_ port: Int, _ arguments: [String]) async throws -> String {
        let result = try await Subprocess.run(
            .name("redis-cli"), arguments: Arguments(["-p", String(port)] + arguments),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension OperatorStatus {
    /// The replication role `gwsctl status` shows for `instance`.
    func replication(_ instance: String) -> String? {
        instances.first { $0.instance == instance }?.replication
    }
}

extension ClusterHarness {
    /// The demo tenant's `<state>/credentials.json`, once the operator wrote it.
    func credentials(timeout: Duration = .seconds(60)) async throws -> RedisSentinelIntegrationTests.Credentials {
        let deadline = ContinuousClock.now + timeout
        let path = stateDir + "/credentials.json"
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: path),
                let credentials = try? JSONDecoder().decode(RedisSentinelIntegrationTests.Credentials.self, from: data)
            {
                return credentials
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw HarnessError("no credentials.json in \(stateDir)")
    }
}
