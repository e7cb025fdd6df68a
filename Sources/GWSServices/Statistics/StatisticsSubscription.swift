import Foundation
import GWSStores

/// A subscription as kept in Redis: its statistics, its owner (the user who
/// opened it), and the values last handed to the client (by statisticId),
/// from which CometD updates are computed.
struct StatisticsSubscription: Codable, Sendable, Hashable {
    /// The subscription id (`subscriptionId`).
    var id: String
    /// The user name of the token that opened it: only that user sees it.
    var owner: String
    /// The statistics, in the client's order.
    var statistics: [StatisticDescriptor]
    /// The last values the client was given, by statisticId.
    var values: [String: JSONValue]
    /// When it was opened.
    var createdAt: Date

    /// The most statistics one subscription may hold.
    static let maximumStatistics = 200

    /// A fresh random id.
    static func makeID() -> String { UUID().uuidString.lowercased() }

    /// Records `values` as the client's last known ones.
    mutating func remember(_ values: [StatisticValue]) {
        for value in values {
            guard let id = value.statisticId else { continue }
            self.values[id] = value.value
        }
    }
}
