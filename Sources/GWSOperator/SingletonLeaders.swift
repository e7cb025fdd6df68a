import Foundation
import GWSDiscovery

/// Which instance leads each elected singleton — the Data Collector's
/// indexer, lock `gws/leader/data-collector-indexer` — shown in the status as
/// `replication: leader` on the row whose process holds the lock (drills
/// target it with `select: leader`).
struct SingletonLeaders: Sendable {
    static let keys = ["gws/leader/data-collector-indexer"]

    let registry: ConsulRegistry?
    /// An external registry (nil with the embedded one).
    let consul: ConsulClient?

    /// `[instance id: pid]` of the process holding each singleton lock now.
    /// The lock's value is the candidate, `<instance>@<host>:<pid>`: the pid
    /// tells a restarted instance from the dead process whose session still
    /// holds the lock until it expires.
    func leaders() async -> [String: Int32] {
        var result: [String: Int32] = [:]
        for key in Self.keys {
            let pair: ConsulKVPair?
            if let registry {
                pair = await registry.kvPair(key)
            } else if let consul {
                pair = try? await consul.kvPair(key).value
            } else {
                pair = nil
            }
            guard let pair, pair.session != nil else { continue }
            let candidate = String(decoding: pair.value, as: UTF8.self)
            guard let at = candidate.firstIndex(of: "@"), let colon = candidate.lastIndex(of: ":"),
                let pid = Int32(candidate[candidate.index(after: colon)...])
            else { continue }
            result[String(candidate[..<at])] = pid
        }
        return result
    }
}
