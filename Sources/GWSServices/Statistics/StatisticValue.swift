import Foundation
import GWSStores

/// A statistic with its value, as the API and CometD updates carry it:
/// `{statisticId?, objectId, objectType, name, timestamp, value}`, where
/// `timestamp` is when the value was computed, in milliseconds since 1970.
struct StatisticValue: Codable, Sendable, Hashable {
    /// The client's id (absent for a single value).
    var statisticId: String?
    var objectId: String
    var objectType: String
    var name: String
    /// When the value was computed (milliseconds since 1970).
    var timestamp: Int
    /// An integer, or an object for CurrentAgentState.
    var value: JSONValue

    init(_ descriptor: StatisticDescriptor, value: JSONValue, at date: Date) {
        self.statisticId = descriptor.statisticId.isEmpty ? nil : descriptor.statisticId
        self.objectId = descriptor.objectId
        self.objectType = descriptor.objectType.rawValue
        self.name = descriptor.name.rawValue
        self.timestamp = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        self.value = value
    }

    /// The value as JSON.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "objectId": .string(objectId), "objectType": .string(objectType), "name": .string(name),
            "timestamp": .int(timestamp), "value": value,
        ]
        if let statisticId { object["statisticId"] = .string(statisticId) }
        return .object(object)
    }
}
