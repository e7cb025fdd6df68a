import Foundation
import GWSReconciler
import GWSStores
import Logging

/// Keeps the operator's restarts of the Redis HA topology in line with the
/// Sentinels (local mode, `redis.sentinel.enabled`).
///
/// Right before a data node starts it asks the Sentinels which node is the
/// master and every other node its `ROLE`, lets ``RedisRoleDecision`` decide,
/// and writes the node's `replication.conf`: so a node restarted after a
/// failover comes back as a replica of the current master, never as a second
/// (empty) master. While the Sentinels still name the dead node it holds the
/// start back; after ``escalateAfter`` it asks a Sentinel to fail over
/// (`SENTINEL FAILOVER`), after ``giveUpAfter`` it starts the node as master.
/// Right before a Sentinel starts it writes its config file, monitoring the
/// current master. It also tells `gwsctl status` which node is the master.
actor RedisHACoordinator: InstanceStartHook {
    let topology: RedisHATopology
    /// How long a held-back start waits before it asks a Sentinel to fail over.
    let escalateAfter: Duration
    /// How long a held-back start waits at most.
    let giveUpAfter: Duration
    private let logger: Logger
    private var heldSince: [String: ContinuousClock.Instant] = [:]
    private var escalated: Set<String> = []
    private static let queryTimeout = Duration.milliseconds(300)

    init(topology: RedisHATopology, logger: Logger) {
        self.topology = topology
        self.logger = logger
        let failover = topology.settings.downAfterMilliseconds + topology.settings.failoverTimeoutMilliseconds
        escalateAfter = .milliseconds(2 * failover)
        giveUpAfter = .milliseconds(6 * failover)
    }

    func beforeStart(_ spec: InstanceSpec) async -> StartGate {
        if let node = topology.node(id: spec.id) { return await prepareNode(node) }
        if let sentinel = topology.sentinel(id: spec.id) { await prepareSentinel(sentinel) }
        return .proceed
    }

    /// `master`, `replica` or `sentinel` for each instance of the topology that answers.
    func replicationRoles() async -> [String: String] {
        var roles: [String: String] = [:]
        for node in topology.nodes {
            roles[node.id] = await role(of: node.port).map(\.description)
        }
        for sentinel in topology.sentinels { roles[sentinel.id] = "sentinel" }
        return roles
    }

    // MARK: - Data nodes

    private func prepareNode(_ node: RedisHATopology.Node) async -> StartGate {
        let observation = await observe(starting: node)
        let outcome = RedisRoleDecision.decide(observation, giveUpAfter: giveUpAfter)
        switch outcome {
        case .wait(let reason):
            let since = heldSince[node.id] ?? .now
            heldSince[node.id] = since
            if ContinuousClock.now - since >= escalateAfter, !escalated.contains(node.id) {
                escalated.insert(node.id)
                await askForFailover()
            }
            return .wait(retryAfter: .milliseconds(250), reason: reason)
        case .master, .replica:
            var master: Int?
            if case .replica(let port) = outcome { master = port }
            if observation.waited >= giveUpAfter {
                logger.error(
                    "the Sentinels did not fail over; starting Redis as the master (the replicas' data is dropped)",
                    metadata: ["instance": "\(node.id)"])
            }
            heldSince[node.id] = nil
            escalated.remove(node.id)
            write(RedisHATopology.replicationConfig(replicaOf: master), to: node.replicationFile)
            let name = master.flatMap { topology.node(port: $0)?.id } ?? master.map(String.init) ?? ""
            logger.info(
                "starting Redis", metadata: ["instance": "\(node.id)", "role": "\(master == nil ? "master" : "replica of \(name)")"])
            return .proceed
        }
    }

    private func observe(starting node: RedisHATopology.Node) async -> RedisRoleDecision.Observation {
        var masters: [Int] = []
        var replicas: [Int] = []
        for other in topology.nodes where other.id != node.id {
            switch await role(of: other.port) {
            case .master?: masters.append(other.port)
            case .replica?: replicas.append(other.port)
            default: break
            }
        }
        return RedisRoleDecision.Observation(
            node: node.port, plannedMaster: topology.plannedMaster.port, sentinelMaster: await sentinelMaster(),
            liveMasters: masters, liveReplicas: replicas, waited: heldSince[node.id].map { .now - $0 } ?? .zero)
    }

    // MARK: - Sentinels

    private func prepareSentinel(_ sentinel: RedisHATopology.Sentinel) async {
        var master = await sentinelMaster(excluding: sentinel.id)
        if master == nil {
            for node in topology.nodes where await role(of: node.port) == .master {
                master = node.port
                break
            }
        }
        let file = topology.sentinelConfig(sentinel, masterPort: master ?? topology.plannedMaster.port)
        write(file.render(), to: sentinel.configFile)
    }

    /// The master port most answering Sentinels name (nil when none answers).
    private func sentinelMaster(excluding excluded: String? = nil) async -> Int? {
        var votes: [Int: Int] = [:]
        var order: [Int] = []
        for sentinel in topology.sentinels where sentinel.id != excluded {
            guard
                let named = try? await RedisSentinelQueries.masterAddress(
                    askingSentinel: RedisHATopology.address(sentinel.port), masterName: topology.settings.masterName,
                    timeout: Self.queryTimeout, logger: logger)
            else { continue }
            if votes[named.port] == nil { order.append(named.port) }
            votes[named.port, default: 0] += 1
        }
        let most = votes.values.max()
        return order.first { votes[$0] == most }  // ties: the first Sentinel's answer
    }

    /// `SENTINEL FAILOVER <name>` on the first Sentinel that accepts it.
    private func askForFailover() async {
        for sentinel in topology.sentinels {
            let configuration = RedisConfiguration(
                host: RedisHATopology.host, port: sentinel.port, connectTimeout: Self.queryTimeout,
                commandTimeout: Self.queryTimeout)
            guard let connection = try? await RedisConnection.connect(configuration: configuration, logger: logger) else {
                continue
            }
            let reply = try? await connection.send(["SENTINEL", "FAILOVER", topology.settings.masterName])
            await connection.close()
            if reply != nil {
                logger.warning(
                    "the Sentinels have not failed over yet; asked one to", metadata: ["instance": "\(sentinel.id)"])
                return
            }
        }
    }

    private func role(of port: Int) async -> RedisReplicationRole? {
        try? await RedisSentinelQueries.role(
            of: RedisConfiguration(host: RedisHATopology.host, port: port), timeout: Self.queryTimeout, logger: logger)
    }

    private func write(_ text: String, to path: String) {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            logger.error("cannot write a Redis configuration file", metadata: ["file": "\(path)", "error": "\(error)"])
        }
    }
}
