import Foundation
import GWSAuth
import GWSCometD
import GWSServiceKit
import GWSStores
import Hummingbird
import Logging
import Synchronization

/// The CometD side of Statistics: a ``CometDServer`` at
/// `/statistics/v3/notifications` whose clients authenticate with an access
/// token (the handshake's `Authorization: Bearer` header, or
/// `ext.authorization` / `ext.access_token` in the handshake message) and may
/// subscribe to the `/statistics/v3/…` channels:
///
/// - `/statistics/v3/updates`: changed values of the user's subscriptions,
///   `{"messageType": "StatisticsUpdated", "subscriptionId", "statistics": [{statisticId, objectId, objectType, name, timestamp, value}]}`;
/// - `/statistics/v3/service`: on subscribing,
///   `{"messageType": "ServiceStateChanged", "serviceName": "STATS", "serviceState": "AVAILABLE"}`.
///
/// It remembers which users have clients on this instance (``listeners(tenant:)``).
final class StatisticsNotifications: Sendable {
    static let path = "/statistics/v3/notifications"
    static let updatesChannel = "/statistics/v3/updates"
    static let serviceChannel = "/statistics/v3/service"

    /// The Bayeux server (register it before the bearer middleware; run it as a service).
    let server: CometDServer
    private let shared: SharedState

    /// - Parameters:
    ///   - configuration: the CometD timings (its path should be ``path``).
    ///   - verifier: checks handshake tokens; nil refuses every handshake with 503.
    init(configuration: CometDConfiguration, verifier: TokenVerifier?, logger: Logger) {
        let shared = SharedState()
        let serviceChannel = Self.serviceChannel
        let hooks = CometDHooks(
            authenticate: { request, message in try Self.identity(of: request, message: message, verifier: verifier) },
            authorizeSubscription: { _, channel in channel.hasPrefix("/statistics/v3/") },
            onSubscribe: { identity, channel in
                shared.insert(identity)
                if channel == serviceChannel || channel == "/statistics/v3/*" || channel == "/statistics/v3/**" {
                    shared.server?.deliver(
                        channel: serviceChannel,
                        data: ["messageType": "ServiceStateChanged", "serviceName": "STATS", "serviceState": "AVAILABLE"],
                        to: identity)
                }
            })
        self.server = CometDServer(configuration: configuration, hooks: hooks, logger: logger)
        self.shared = shared
        shared.set(server)
    }

    /// The users of `tenant` with clients on this instance (forgetting those gone).
    func listeners(tenant: String) -> [CometDIdentity] {
        var present: [CometDIdentity] = []
        for identity in shared.identities(tenant: tenant) {
            if server.clientCount(for: identity) > 0 {
                present.append(identity)
            } else {
                shared.remove(identity)
            }
        }
        return present
    }

    /// Delivers an update to `identity`'s clients subscribed to `/statistics/v3/updates`.
    @discardableResult
    func deliver(subscriptionId: String, statistics: [StatisticValue], to identity: CometDIdentity) -> Int {
        let data: JSONValue = [
            "messageType": "StatisticsUpdated", "subscriptionId": .string(subscriptionId),
            "statistics": .array(statistics.map(\.json)),
        ]
        return server.deliver(channel: Self.updatesChannel, data: data, to: identity)
    }

    /// The identity of a handshake's token; nil (handshake denied) without a valid one.
    static func identity(of request: Request, message: BayeuxMessage, verifier: TokenVerifier?) throws -> CometDIdentity? {
        guard let verifier else {
            throw GWSError(.serviceUnavailable, "this service has no access-token key configured, so it cannot check tokens")
        }
        guard let token = token(of: request, message: message), let claims = try? verifier.verify(token) else { return nil }
        return CometDIdentity(tenant: claims.tenant, userName: claims.userName)
    }

    /// The bearer token of a handshake: the `Authorization` header, else
    /// `ext.authorization` (with or without `Bearer `), else `ext.access_token`.
    static func token(of request: Request, message: BayeuxMessage) -> String? {
        let candidates = [
            request.headers[.authorization], message.ext?["authorization"]?.stringValue,
            message.ext?["access_token"]?.stringValue,
        ]
        for candidate in candidates.compactMap({ $0 }) {
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            let token = trimmed.lowercased().hasPrefix("bearer ") ? String(trimmed.dropFirst(7)) : trimmed
            let clean = token.trimmingCharacters(in: .whitespaces)
            if !clean.isEmpty { return clean }
        }
        return nil
    }
}

/// What the hooks share with ``StatisticsNotifications``: the server they
/// are given to (set once, right after it is made; held weakly, so the server
/// and its hooks do not keep each other) and the users who subscribed here.
private final class SharedState: Sendable {
    private struct State {
        weak var server: CometDServer?
        var identities: Set<CometDIdentity> = []
    }

    private let state = Mutex(State())

    var server: CometDServer? { state.withLock { $0.server } }

    func set(_ server: CometDServer) { state.withLock { $0.server = server } }

    func insert(_ identity: CometDIdentity) { state.withLock { _ = $0.identities.insert(identity) } }

    func remove(_ identity: CometDIdentity) { state.withLock { _ = $0.identities.remove(identity) } }

    func identities(tenant: String) -> [CometDIdentity] {
        state.withLock { $0.identities.filter { $0.tenant == tenant } }
    }
}
