import Foundation
import GWSServiceKit
import GWSStores

/// Statistics subscriptions in Redis, so that any Statistics instance can
/// serve any of them:
///
/// - `gws:<tenant>:stats:subscription:<id>`: the subscription as JSON;
/// - `gws:<tenant>:stats:owner:<userName>`: the set of the user's subscription ids.
///
/// Both live ``lifetime`` seconds, renewed whenever the subscription is used
/// (created, peeked, updated over CometD). Keys carry the tenant, so another
/// tenant's subscription is simply not found.
struct StatisticsSubscriptionStore: Sendable {
    let redis: RedisClient
    /// Seconds a subscription lives after its last use.
    var lifetime = 3600

    static func key(tenant: String, id: String) -> String { "gws:\(tenant):stats:subscription:\(id)" }
    static func ownerKey(tenant: String, owner: String) -> String { "gws:\(tenant):stats:owner:\(owner)" }

    /// Stores `subscription` (creating or replacing it) and lists it under its owner.
    func save(_ subscription: StatisticsSubscription, tenant: String) async throws {
        let json = String(decoding: try JSONEncoder().encode(subscription), as: UTF8.self)
        let ownerKey = Self.ownerKey(tenant: tenant, owner: subscription.owner)
        let replies = try await redis.pipeline([
            ["SET", Self.key(tenant: tenant, id: subscription.id), json, "EX", String(lifetime)],
            ["SADD", ownerKey, subscription.id],
            ["EXPIRE", ownerKey, String(lifetime)],
        ])
        try Self.check(replies)
    }

    /// The subscription `id` of `owner`, its lifetime renewed; nil when there
    /// is none (expired, deleted, another tenant's) or it is another user's.
    func load(id: String, tenant: String, owner: String) async throws -> StatisticsSubscription? {
        let key = Self.key(tenant: tenant, id: id)
        let replies = try await redis.pipeline([
            ["GET", key], ["EXPIRE", key, String(lifetime)],
            ["EXPIRE", Self.ownerKey(tenant: tenant, owner: owner), String(lifetime)],
        ])
        try Self.check(replies)
        guard let text = replies[0].string,
              let subscription = try? JSONDecoder().decode(StatisticsSubscription.self, from: Data(text.utf8)),
              subscription.owner == owner
        else { return nil }
        return subscription
    }

    /// Deletes the subscription `id` of `owner`.
    func delete(id: String, tenant: String, owner: String) async throws {
        let replies = try await redis.pipeline([
            ["DEL", Self.key(tenant: tenant, id: id)], ["SREM", Self.ownerKey(tenant: tenant, owner: owner), id],
        ])
        try Self.check(replies)
    }

    /// The ids listed under `owner` (some may have expired since).
    func ids(tenant: String, owner: String) async throws -> [String] {
        try await redis.smembers(Self.ownerKey(tenant: tenant, owner: owner)).sorted()
    }

    /// Takes an expired id off `owner`'s list.
    func forget(id: String, tenant: String, owner: String) async throws {
        _ = try await redis.srem(Self.ownerKey(tenant: tenant, owner: owner), members: id)
    }

    /// Throws the first error reply of a pipeline.
    private static func check(_ replies: [RESPValue]) throws {
        for reply in replies {
            if case .error(let message) = reply { throw RedisError(.server, message) }
        }
    }
}
