import Foundation
import GWSAuth
import GWSServiceKit
import Hummingbird

/// The Statistics API under `/statistics/v3`, for the bearer token's tenant
/// and user, in the GWS envelope:
///
/// - `POST /subscriptions` `{operationId?, data: {statistics: [{statisticId, objectId, objectType, name}]}}`
///   → `{status: {code: 0}, data: {subscriptionId, statistics: [{statisticId, objectId, objectType, name, timestamp, value}]}, operationId?}`;
/// - `GET /subscriptions/{id}/statistic-values[?statisticIds=a,b]` → the same `data`, values computed now;
/// - `DELETE /subscriptions/{id}` → `{status: {code: 0}}`;
/// - `GET /statistic-values/{name}?objectId=&objectType=` → `{data: {statistic: {name, objectId, objectType, timestamp, value}}}`.
///
/// A subscription belongs to the user who opened it: anyone else (any other
/// tenant) gets 404. Bad input → 400 naming the field; store or Redis down → 503.
struct StatisticsRoutes: Sendable {
    typealias P = StatisticsPayloads
    static let basePath = "/statistics/v3"

    let calculator: StatisticsCalculator
    /// Where subscriptions live; nil when no Redis is configured (subscription calls answer 503).
    let subscriptions: StatisticsSubscriptionStore?
    /// The store's `prepare()` step; calls answer 503 until it is done.
    let preparation: StartupRetryService?
    /// Called after a subscription was deleted (to forget what was delivered for it).
    var onDelete: @Sendable (_ tenant: String, _ subscriptionId: String) -> Void = { _, _ in }

    func register(on router: Router<GWSRequestContext>) {
        let api = router.group(RouterPath(Self.basePath))
        api.post("subscriptions") { request, context in
            let (tenant, owner) = try caller()
            let body = try await P.body(P.SubscriptionInput.self, of: request, context: context)
            let descriptors = try Self.descriptors(body.data.statistics)
            let store = try subscriptionStore()
            let values = try await calculator.values(of: descriptors, tenant: tenant)
            var subscription = StatisticsSubscription(
                id: StatisticsSubscription.makeID(), owner: owner, statistics: descriptors, values: [:],
                createdAt: calculator.now())
            subscription.remember(values)
            try await store.save(subscription, tenant: tenant)
            return GWSEnvelope(
                data: P.SubscriptionData(subscriptionId: subscription.id, statistics: values), operationId: body.operationId)
        }
        api.get("subscriptions/:id/statistic-values") { request, context in
            let (tenant, owner) = try caller()
            let id = try RequestInput.parameter("id", context)
            let store = try subscriptionStore()
            guard var subscription = try await store.load(id: id, tenant: tenant, owner: owner) else {
                throw Self.noSubscription(id)
            }
            var wanted = subscription.statistics
            if let list = request.uri.queryParameters.get("statisticIds") {
                let ids = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                wanted = wanted.filter { ids.contains($0.statisticId) }
            }
            let values = try await calculator.values(of: wanted, tenant: tenant)
            subscription.remember(values)
            try await store.save(subscription, tenant: tenant)
            return GWSEnvelope(data: P.SubscriptionData(subscriptionId: id, statistics: values))
        }
        api.delete("subscriptions/:id") { _, context in
            let (tenant, owner) = try caller()
            let id = try RequestInput.parameter("id", context)
            let store = try subscriptionStore()
            guard try await store.load(id: id, tenant: tenant, owner: owner) != nil else { throw Self.noSubscription(id) }
            try await store.delete(id: id, tenant: tenant, owner: owner)
            onDelete(tenant, id)
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
        api.get("statistic-values/:name") { request, context in
            let (tenant, _) = try caller()
            let name = try RequestInput.parameter("name", context)
            let descriptor = try StatisticDescriptor(
                statisticId: "", objectId: try Self.query("objectId", of: request),
                objectType: try Self.query("objectType", of: request), name: name, field: "")
            let value = try await calculator.value(of: descriptor, tenant: tenant)
            return GWSEnvelope(data: P.StatisticData(statistic: value))
        }
    }

    /// The tenant and user of the request's token; 503 until the store is prepared.
    private func caller() throws -> (tenant: String, owner: String) {
        let claims = try AuthenticatedRequest.requireClaims()
        try preparation?.requireDone()
        return (claims.tenant, claims.userName)
    }

    private func subscriptionStore() throws -> StatisticsSubscriptionStore {
        guard let subscriptions else {
            throw GWSError(.serviceUnavailable, "no Redis is configured for the Statistics service, so it keeps no subscriptions")
        }
        return subscriptions
    }

    /// The checked statistics of a subscription request (1 to 200, unique statisticIds).
    static func descriptors(_ inputs: [P.StatisticInput]) throws -> [StatisticDescriptor] {
        let limit = StatisticsSubscription.maximumStatistics
        guard (1...limit).contains(inputs.count) else {
            throw GWSError(.badRequest, "invalid data.statistics: list 1 to \(limit) statistics")
        }
        var seen = Set<String>()
        return try inputs.enumerated().map { index, input in
            let field = "data.statistics[\(index)]"
            guard !input.statisticId.isEmpty, seen.insert(input.statisticId).inserted else {
                throw GWSError(.badRequest, "invalid \(field).statisticId: it must be non-empty and unique in the subscription")
            }
            return try StatisticDescriptor(
                statisticId: input.statisticId, objectId: input.objectId, objectType: input.objectType,
                name: input.name, field: field)
        }
    }

    /// A query value that must be present and not blank.
    static func query(_ name: String, of request: Request) throws -> String {
        guard let value = request.uri.queryParameters.get(name), !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GWSError(.badRequest, "missing query parameter \(name)")
        }
        return value
    }

    static func noSubscription(_ id: String) -> GWSError {
        GWSError(.notFound, "no statistics subscription \(id)")
    }
}
