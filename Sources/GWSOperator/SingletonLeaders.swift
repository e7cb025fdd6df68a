import Foundation
import GWSDiscovery

/// Which instance leads each elected singleton — the Data Collector's
/// indexer, lock `gws/leader/data-collector-indexer` — shown in the status as
/// `replication: leader` (drills target it with `select: leader`).
struct SingletonLeaders: Sendable {
    static let keys = ["gws/leader/data-collector-indexer"]

    let registry: ConsulRegistry?
    /// An external registry (nil with the embedded one).
    let consul: ConsulClient?

    /// `[instance id: "leader"]` for every singleton lock held now. The lock's
    /// value is the candidate, `<instance>@<host>:<pid>`.
    func leaders() async -> [String: String] {
        var result: [String: String] = [:]
        for key in Self.keys {
            let pair: ConsulKVPair?
            if let registry {
                pair = await registry.kvPair(key)
            } else if let consul {
                pair = try? await consul.kvPair(key).value
            } else {
                pair = nil
            }
            guard let pair, pair.session != nil,
                let instance = String(decoding: pair.value, as: UTF8.self).split(separator: "@").first
            else { continue }
            result[String(instance)] = "leader"
        }
        return result
    }
}
