import Foundation
import GWSReconciler
import GWSRuntime
import GWSSpec
import GWSStores

/// The Redis HA processes the operator runs in local mode
/// (`redis.sentinel.enabled`): data nodes `redis-0` (the planned master),
/// `redis-1`… (replicas) and Sentinels `redis-sentinel-0`…, all on
/// 127.0.0.1, with their ports, folders and files.
///
/// The commands never change (so a failover changes no config hash): a data
/// node reads its role from `<state>/data/redis-<i>/replication.conf`
/// (`--include`; empty for a master, `replicaof …` for a replica) and a
/// Sentinel runs on `<state>/data/redis-sentinel-<i>/sentinel.conf`; the
/// ``RedisHACoordinator`` writes both right before each start.
struct RedisHATopology: Sendable {
    /// A data node (`redis-<ordinal>`).
    struct Node: Sendable, Equatable {
        var id: String
        var port: Int
        var directory: String
        var replicationFile: String { directory + "/replication.conf" }
    }

    /// A Sentinel (`redis-sentinel-<ordinal>`).
    struct Sentinel: Sendable, Equatable {
        var id: String
        var port: Int
        var directory: String
        /// Its fixed Sentinel id (`myid`), so the others can know it in advance.
        var sentinelID: String
        var configFile: String { directory + "/sentinel.conf" }
    }

    static let host = "127.0.0.1"
    static let sentinelRole = "redis-sentinel"

    let settings: RedisSentinelSpec
    let nodes: [Node]
    let sentinels: [Sentinel]

    /// - Parameter dataRoot: `<state>/data`.
    init(settings: RedisSentinelSpec, nodePorts: [Int], sentinelPorts: [Int], dataRoot: String) {
        self.settings = settings
        nodes = nodePorts.enumerated().map { i, port in
            Node(id: "redis-\(i)", port: port, directory: "\(dataRoot)/redis-\(i)")
        }
        sentinels = sentinelPorts.enumerated().map { i, port in
            let id = "\(Self.sentinelRole)-\(i)"
            return Sentinel(
                id: id, port: port, directory: "\(dataRoot)/\(id)",
                sentinelID: RedisSentinelConfigFile.sentinelID(seed: "\(dataRoot)#\(id)"))
        }
    }

    /// The topology behind `store` (as ``LocalStores`` prepared it), when the spec enables it.
    init?(store: ManagedStore?, spec: DeploymentSpec, state: StateDirectory) {
        guard let store, let settings = spec.redis?.enabledSentinel, !store.companions.isEmpty else { return nil }
        let replicas = store.companions.filter { $0.role == "redis" }.sorted { $0.ordinal < $1.ordinal }
        let sentinels = store.companions.filter { $0.role == Self.sentinelRole }.sorted { $0.ordinal < $1.ordinal }
        self.init(
            settings: settings, nodePorts: [store.port] + replicas.map(\.port), sentinelPorts: sentinels.map(\.port),
            dataRoot: state.root.appendingPathComponent("data").path)
    }

    /// The planned master.
    var plannedMaster: Node { nodes[0] }

    func node(id: String) -> Node? { nodes.first { $0.id == id } }
    func node(port: Int) -> Node? { nodes.first { $0.port == port } }
    func sentinel(id: String) -> Sentinel? { sentinels.first { $0.id == id } }

    static func address(_ port: Int) -> RedisServerAddress { RedisServerAddress(host: host, port: port) }

    /// What services get: `redis-sentinel://127.0.0.1:<p0>,…/<masterName>` (the database is appended).
    var serviceURL: String {
        "redis-sentinel://" + sentinels.map { "\(Self.host):\($0.port)" }.joined(separator: ",") + "/\(settings.masterName)"
    }

    /// The store as the planner sees it: `redis-0` plus the others as companions.
    func managedStore(redisServer: String, redisSentinel: String) -> ManagedStore {
        let replicas = nodes.dropFirst().enumerated().map { i, node in
            ManagedStoreProcess(role: "redis", ordinal: i + 1, port: node.port, command: nodeCommand(node, redisServer))
        }
        let sentinelProcesses = sentinels.enumerated().map { i, sentinel in
            ManagedStoreProcess(
                role: Self.sentinelRole, ordinal: i, port: sentinel.port,
                command: ProcessCommand(executable: redisSentinel, arguments: [sentinel.configFile]))
        }
        return ManagedStore(
            kind: .redis, port: plannedMaster.port, command: nodeCommand(plannedMaster, redisServer), probeMode: .tcp,
            companions: Array(replicas) + sentinelProcesses, serviceURL: serviceURL)
    }

    func nodeCommand(_ node: Node, _ redisServer: String) -> ProcessCommand {
        ProcessCommand(
            executable: redisServer,
            arguments: [
                "--port", String(node.port), "--bind", Self.host, "--dir", node.directory, "--save", "", "--appendonly",
                "no", "--daemonize", "no", "--repl-diskless-sync-delay", "0", "--include", node.replicationFile,
            ])
    }

    /// The text of a node's `replication.conf`: empty for the master.
    static func replicationConfig(replicaOf master: Int?) -> String {
        guard let master else { return "# master\n" }
        return "replicaof \(host) \(master)\n"
    }

    /// A Sentinel's config file, monitoring `masterPort` and knowing every other node and Sentinel.
    func sentinelConfig(_ sentinel: Sentinel, masterPort: Int) -> RedisSentinelConfigFile {
        RedisSentinelConfigFile(
            masterName: settings.masterName, address: Self.address(sentinel.port), id: sentinel.sentinelID,
            master: Self.address(masterPort), replicas: nodes.map { Self.address($0.port) },
            otherSentinels: sentinels.filter { $0.id != sentinel.id }.map { (Self.address($0.port), $0.sentinelID) },
            quorum: settings.quorum, downAfterMilliseconds: settings.downAfterMilliseconds,
            failoverTimeoutMilliseconds: settings.failoverTimeoutMilliseconds, directory: sentinel.directory)
    }

    /// Creates the folders and, where missing, files for the planned roles
    /// (the coordinator rewrites them before every start).
    func prepareFiles() throws {
        for node in nodes {
            try FileManager.default.createDirectory(atPath: node.directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: node.replicationFile) {
                let master = node.id == plannedMaster.id ? nil : plannedMaster.port
                try Self.replicationConfig(replicaOf: master).write(toFile: node.replicationFile, atomically: true, encoding: .utf8)
            }
        }
        for sentinel in sentinels {
            try FileManager.default.createDirectory(atPath: sentinel.directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: sentinel.configFile) {
                try sentinelConfig(sentinel, masterPort: plannedMaster.port).render()
                    .write(toFile: sentinel.configFile, atomically: true, encoding: .utf8)
            }
        }
    }
}
