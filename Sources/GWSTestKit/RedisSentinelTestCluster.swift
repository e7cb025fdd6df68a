import Foundation
import GWSStores
import Logging

/// A real Sentinel-watched Redis for one test: a master and its replicas
/// (`redis-server`) and Sentinels (`redis-sentinel`, Debian's package), all
/// on ephemeral ports on 127.0.0.1, without persistence.
///
/// Node 0 starts as the master. The Sentinels are started once every
/// replica is in sync and know the replicas and each other from their
/// config files (``RedisSentinelConfigFile``), so a failover can happen from
/// the first second. Use ``withCluster(replicas:sentinels:downAfterMilliseconds:_:)``,
/// which always stops every process.
public actor RedisSentinelTestCluster {
    /// Debian's `redis-sentinel`.
    public static let sentinelExecutable = "/usr/bin/redis-sentinel"

    /// The name the Sentinels monitor the master under.
    public let masterName = "gws-test"
    /// The Sentinels' `down-after-milliseconds`.
    public let downAfterMilliseconds: Int
    /// Ports of the data nodes (node 0 started as the master).
    public private(set) var nodePorts: [Int] = []
    /// Ports of the Sentinels.
    public private(set) var sentinelPorts: [Int] = []
    private var nodes: [Int: RedisTestProcess] = [:]
    private var sentinels: [Int: RedisTestProcess] = [:]
    private let directory: URL

    private init(downAfterMilliseconds: Int) {
        self.downAfterMilliseconds = downAfterMilliseconds
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gws-sentinel-\(UUID().uuidString)")
    }

    /// Starts a cluster, runs `body`, stops every process (whatever `body` did).
    public static func withCluster<T: Sendable>(
        replicas: Int = 1, sentinels: Int = 3, downAfterMilliseconds: Int = 1000,
        _ body: (RedisSentinelTestCluster) async throws -> T
    ) async throws -> T {
        let cluster = RedisSentinelTestCluster(downAfterMilliseconds: downAfterMilliseconds)
        do {
            try await cluster.start(replicas: replicas, sentinels: sentinels)
            let result = try await body(cluster)
            await cluster.stop()
            return result
        } catch {
            await cluster.stop()
            throw error
        }
    }

    /// `redis-sentinel://127.0.0.1:<p>,…/gws-test/0`.
    public var url: String {
        "redis-sentinel://" + sentinelPorts.map { "127.0.0.1:\($0)" }.joined(separator: ",") + "/\(masterName)/0"
    }

    /// A client configuration that follows the master through the Sentinels,
    /// with short timeouts and a generous failover wait.
    public func configuration(maximumConnections: Int = 8, failoverWait: Duration = .seconds(20)) -> RedisConfiguration {
        var configuration = try! RedisConfiguration(url: url)  // built from our own ports: always valid
        configuration.connectTimeout = .seconds(1)
        configuration.commandTimeout = .seconds(3)
        configuration.maximumConnections = maximumConnections
        configuration.reconnect = RedisBackoff(initial: .milliseconds(20), maximum: .milliseconds(200), attempts: 5)
        configuration.sentinel?.failoverWait = failoverWait
        return configuration
    }

    /// A plain configuration for data node `index` alone (no Sentinels).
    public func nodeConfiguration(_ index: Int) -> RedisConfiguration {
        RedisConfiguration(
            host: "127.0.0.1", port: nodePorts[index], connectTimeout: .milliseconds(500), commandTimeout: .seconds(2),
            reconnect: RedisBackoff(attempts: 1))
    }

    /// What `ROLE` says node `index` is; nil when it does not answer.
    public func role(ofNode index: Int) async -> RedisReplicationRole? {
        try? await RedisSentinelQueries.role(of: nodeConfiguration(index), timeout: .milliseconds(500), logger: kitLogger)
    }

    /// The node the first answering Sentinel names as the master.
    public func masterNodeAccordingToSentinels() async -> Int? {
        for port in sentinelPorts {
            let named = try? await RedisSentinelQueries.masterAddress(
                askingSentinel: RedisServerAddress(host: "127.0.0.1", port: port), masterName: masterName,
                timeout: .milliseconds(500), logger: kitLogger)
            if let named { return nodePorts.firstIndex(of: named.port) }
        }
        return nil
    }

    /// SIGKILLs data node `index` and waits until it is gone.
    public func kill(node index: Int) async {
        await nodes.removeValue(forKey: index)?.stop()
    }

    /// Starts data node `index` again (empty) on its port, as a replica of node `master`.
    public func restart(node index: Int, replicaOf master: Int) async throws {
        await kill(node: index)
        for _ in 0..<50 {
            if try await launchNode(index, replicaOf: nodePorts[master]) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RedisTestServerError("redis-server did not restart on port \(nodePorts[index])")
    }

    /// Kills every process; idempotent.
    public func stop() async {
        for process in sentinels.values { await process.stop() }
        for process in nodes.values { await process.stop() }
        sentinels = [:]
        nodes = [:]
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Starting

    private func start(replicas: Int, sentinels count: Int) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for index in 0...replicas {
            nodePorts.append(0)
            try await startNode(index, replicaOf: index == 0 ? nil : nodePorts[0])
        }
        for index in stride(from: 1, through: replicas, by: 1) {
            try await waitForSync(node: index)
        }
        let ids = (0..<count).map { RedisSentinelConfigFile.sentinelID(seed: "\(directory.path)#\($0)") }
        sentinelPorts = try (0..<count).map { _ in try freePort() }
        for index in 0..<count {
            try await startSentinel(index, ids: ids)
        }
    }

    private func startNode(_ index: Int, replicaOf master: Int?) async throws {
        for _ in 0..<5 {
            nodePorts[index] = try freePort()
            if try await launchNode(index, replicaOf: master) { return }
        }
        throw RedisTestServerError("redis-server did not start")
    }

    /// Starts node `index` on its port; true once it answers PING, false if it exited.
    private func launchNode(_ index: Int, replicaOf master: Int?) async throws -> Bool {
        let dir = directory.appendingPathComponent("node-\(index)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var arguments = [
            "--port", String(nodePorts[index]), "--bind", "127.0.0.1", "--dir", dir.path, "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning", "--repl-diskless-sync-delay", "0",
        ]
        if let master { arguments += ["--replicaof", "127.0.0.1", String(master)] }
        guard let process = await RedisTestProcess.launch(RedisTestServer.executable, arguments) else { return false }
        nodes[index] = process
        return try await waitForPing(port: nodePorts[index], process: process) { nodes[index] = nil }
    }

    private func startSentinel(_ index: Int, ids: [String]) async throws {
        for attempt in 0..<5 {
            if attempt > 0 { sentinelPorts[index] = try freePort() }
            let file = RedisSentinelConfigFile(
                masterName: masterName, address: RedisServerAddress(host: "127.0.0.1", port: sentinelPorts[index]),
                id: ids[index], master: RedisServerAddress(host: "127.0.0.1", port: nodePorts[0]),
                replicas: nodePorts.dropFirst().map { RedisServerAddress(host: "127.0.0.1", port: $0) },
                otherSentinels: sentinelPorts.indices.filter { $0 != index }.map {
                    (RedisServerAddress(host: "127.0.0.1", port: sentinelPorts[$0]), ids[$0])
                }, quorum: sentinelPorts.count / 2 + 1, downAfterMilliseconds: downAfterMilliseconds,
                failoverTimeoutMilliseconds: 3000, directory: directory.path)
            let path = directory.appendingPathComponent("sentinel-\(index).conf").path
            try file.render().write(toFile: path, atomically: true, encoding: .utf8)
            guard let process = await RedisTestProcess.launch(Self.sentinelExecutable, [path]) else { continue }
            sentinels[index] = process
            if try await waitForPing(port: sentinelPorts[index], process: process, onExit: { sentinels[index] = nil }) {
                return
            }
        }
        throw RedisTestServerError("redis-sentinel did not start")
    }

    private func waitForPing(port: Int, process: RedisTestProcess, onExit: () -> Void) async throws -> Bool {
        for _ in 0..<500 {
            if process.hasExited {  // the port was taken
                await process.stop()
                onExit()
                return false
            }
            let configuration = RedisConfiguration(host: "127.0.0.1", port: port, connectTimeout: .milliseconds(200))
            if let connection = try? await RedisConnection.connect(configuration: configuration, logger: kitLogger) {
                let reply = try? await connection.send(["PING"], timeout: .seconds(1))
                await connection.close()
                if reply?.string == "PONG" { return true }
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        await process.stop()
        onExit()
        return false
    }

    /// Waits until replica `node` has finished its first sync with the master.
    private func waitForSync(node: Int) async throws {
        for _ in 0..<1000 {
            let connection = try? await RedisConnection.connect(configuration: nodeConfiguration(node), logger: kitLogger)
            let reply = try? await connection?.send(["ROLE"])
            await connection?.close()
            if let items = reply?.array, items.count >= 4, items[3].string == "connected" { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw RedisTestServerError("replica on port \(nodePorts[node]) never synced with the master")
    }
}
