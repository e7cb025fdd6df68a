import Foundation
import GWSRuntime

/// The operator's durable view of the PostgreSQL HA pair
/// (`<state>/postgres-ha.json`): which node is the primary, which must be
/// rebuilt from it before it may start again. Written (atomically) before
/// every promotion, so an operator restarted mid-failover finishes it
/// instead of starting the old primary again.
struct PostgresHARecord: Codable, Sendable, Equatable {
    /// The node that is (or is being made) the primary.
    var primary: String
    /// Nodes whose data must be replaced by a fresh copy of the primary (old primaries).
    var rebuild: [String]
    /// Counts promotions (a new timeline each).
    var epoch: Int

    init(primary: String, rebuild: [String] = [], epoch: Int = 0) {
        self.primary = primary
        self.rebuild = rebuild
        self.epoch = epoch
    }

    static func read(_ file: URL) -> PostgresHARecord? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(PostgresHARecord.self, from: data)
    }

    func write(_ file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try StateDirectory.writeAtomically(try encoder.encode(self), to: file)
    }

    /// `newPrimary` takes over; the old primary must be rebuilt as its standby.
    func promoting(_ newPrimary: String) -> PostgresHARecord {
        var next = self
        if newPrimary != primary, !next.rebuild.contains(primary) { next.rebuild.append(primary) }
        next.rebuild.removeAll { $0 == newPrimary }
        next.primary = newPrimary
        next.epoch += 1
        return next
    }
}
