import Foundation
import GWSServiceKit
import Hummingbird

/// Bodies and answers of the Statistics API.
enum StatisticsPayloads {
    /// One statistic of `POST /subscriptions`, before it is checked.
    struct StatisticInput: Decodable, Sendable {
        var statisticId: String
        var objectId: String
        var objectType: String
        var name: String
    }

    /// `data` of `POST /subscriptions`: `{statistics: [{statisticId, objectId, objectType, name}]}`.
    struct SubscriptionInput: Decodable, Sendable {
        var statistics: [StatisticInput]
    }

    /// `data` of the subscription answers: `{subscriptionId, statistics: [{…, timestamp, value}]}`.
    struct SubscriptionData: Codable, Sendable {
        var subscriptionId: String
        var statistics: [StatisticValue]
    }

    /// `data` of `GET /statistic-values/{name}`: `{statistic: {name, objectId, objectType, timestamp, value}}`.
    struct StatisticData: Codable, Sendable {
        var statistic: StatisticValue
    }

    /// The `{"operationId"?, "data": {…}}` body of `request`; 400 naming the field when it is not one.
    static func body<T: Decodable>(_ type: T.Type, of request: Request, context: some RequestContext) async throws -> DataBody<T> {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else {
            throw GWSError(.badRequest, "missing request body: expected {\"data\": {…}}")
        }
        do {
            return try JSONDecoder().decode(DataBody<T>.self, from: Data(buffer.readableBytesView))
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw GWSError(.badRequest, "the body must be a JSON object: {\"data\": {…}}")
        } catch let error as DecodingError {
            throw GWSError(.badRequest, RequestInput.describe(error))
        }
    }
}
