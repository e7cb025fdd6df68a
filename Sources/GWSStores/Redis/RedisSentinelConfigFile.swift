import Foundation
import GWSRedis

/// The configuration file of one `redis-sentinel` process, as the operator
/// (and the test kit) writes it before starting the process. Sentinel
/// rewrites its file while it runs (epochs, replicas and Sentinels it
/// learns of), so every Sentinel needs a file of its own.
///
/// Besides `sentinel monitor`, the file names the replicas and the other
/// Sentinels (`known-replica`, `known-sentinel`, with fixed `myid`s), so a
/// Sentinel can fail over from its first second instead of after it has
/// discovered them (replicas through the master's `INFO`, every 10 s;
/// Sentinels through hello messages, every 2 s).
public struct RedisSentinelConfigFile: Sendable {
    /// The name clients ask for (`redis-sentinel://…/<masterName>`).
    public var masterName: String
    /// Where this Sentinel listens.
    public var address: RedisServerAddress
    /// This Sentinel's id (40 hex digits; see ``sentinelID(seed:)``).
    public var id: String
    /// The master as known when the Sentinel starts.
    public var master: RedisServerAddress
    /// Replicas of the master.
    public var replicas: [RedisServerAddress]
    /// The other Sentinels: address and id.
    public var otherSentinels: [(address: RedisServerAddress, id: String)]
    /// Sentinels that must agree the master is down (a majority of them must also vote for the failover).
    public var quorum: Int
    /// How long the master may not answer before a Sentinel thinks it is down.
    public var downAfterMilliseconds: Int
    /// Sentinel's `failover-timeout` (also: how long before a failed failover is tried again, twice this).
    public var failoverTimeoutMilliseconds: Int
    /// Where Sentinel may write (its working directory).
    public var directory: String

    public init(
        masterName: String, address: RedisServerAddress, id: String, master: RedisServerAddress,
        replicas: [RedisServerAddress], otherSentinels: [(address: RedisServerAddress, id: String)], quorum: Int,
        downAfterMilliseconds: Int, failoverTimeoutMilliseconds: Int, directory: String
    ) {
        self.masterName = masterName
        self.address = address
        self.id = id
        self.master = master
        self.replicas = replicas
        self.otherSentinels = otherSentinels
        self.quorum = quorum
        self.downAfterMilliseconds = downAfterMilliseconds
        self.failoverTimeoutMilliseconds = failoverTimeoutMilliseconds
        self.directory = directory
    }

    /// The file's text.
    public func render() -> String {
        var lines = [
            "# Written by gws-operator before this Sentinel started; Sentinel rewrites it as it runs.",
            "port \(address.port)",
            "bind \(address.host)",
            "daemonize no",
            "dir \"\(directory.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"",
            "sentinel myid \(id)",
            "sentinel monitor \(masterName) \(master.host) \(master.port) \(quorum)",
            "sentinel down-after-milliseconds \(masterName) \(downAfterMilliseconds)",
            "sentinel failover-timeout \(masterName) \(failoverTimeoutMilliseconds)",
            "sentinel parallel-syncs \(masterName) 1",
        ]
        for replica in replicas where replica != master {
            lines.append("sentinel known-replica \(masterName) \(replica.host) \(replica.port)")
        }
        for other in otherSentinels {
            lines.append("sentinel known-sentinel \(masterName) \(other.address.host) \(other.address.port) \(other.id)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A stable 40-hex-digit Sentinel id made from `seed` (FNV-1a, repeated).
    public static func sentinelID(seed: String) -> String {
        var text = ""
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var round: UInt8 = 0
        while text.count < 40 {
            for byte in seed.utf8 + [round] {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            let hex = String(h, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex
            round &+= 1
        }
        return String(text.prefix(40))
    }
}
