/// Which role a Redis data node of the HA topology takes when the operator
/// (re)starts it. Pure: observations in, an outcome out.
///
/// The operator runs Redis without persistence, so a node always starts
/// empty. Started as a master while a replica still holds the data, it would
/// make that replica resynchronise from it and drop everything; so:
/// 1. another live node says it is the master → replicate it;
/// 2. the Sentinels name another node → replicate that one (it is being or
///    has been promoted);
/// 3. the Sentinels still name this (dead) node while a live replica holds
///    the data → wait for them to promote it (the caller asks a Sentinel to
///    fail over after a while, and gives up waiting after a longer while);
/// 4. nothing to preserve (no live node, or no Sentinel answers and this is
///    the planned master) → master; otherwise replicate the planned master.
enum RedisRoleDecision {
    /// What the operator saw just before starting the node (ports on 127.0.0.1).
    struct Observation: Sendable, Equatable {
        /// The node to start.
        var node: Int
        /// The master as planned (`redis-0`).
        var plannedMaster: Int
        /// The master most Sentinels name; nil when none answered.
        var sentinelMaster: Int?
        /// Other live nodes that say they are the master.
        var liveMasters: [Int]
        /// Other live nodes that say they are replicas.
        var liveReplicas: [Int]
        /// How long this start has been held back already.
        var waited: Duration
    }

    enum Outcome: Sendable, Equatable {
        case master
        case replica(of: Int)
        case wait(reason: String)
    }

    /// - Parameter giveUpAfter: after waiting this long for a failover, start
    ///   as the master anyway (the Sentinels cannot agree: Redis must come back).
    static func decide(_ o: Observation, giveUpAfter: Duration) -> Outcome {
        if let master = o.liveMasters.contains(where: { $0 == o.sentinelMaster }) ? o.sentinelMaster : o.liveMasters.first {
            return .replica(of: master)
        }
        if let named = o.sentinelMaster, named != o.node {
            return .replica(of: named)
        }
        let sentinelsNameThisNode = o.sentinelMaster == o.node || (o.sentinelMaster == nil && o.node == o.plannedMaster)
        if sentinelsNameThisNode {
            if !o.liveReplicas.isEmpty, o.sentinelMaster != nil, o.waited < giveUpAfter {
                return .wait(reason: "the Sentinels still name this node the master; waiting for them to promote a replica")
            }
            return .master
        }
        return .replica(of: o.plannedMaster)
    }
}
