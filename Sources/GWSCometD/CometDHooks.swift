import GWSStores
import Hummingbird

/// The app's part in a ``CometDServer``: who may connect, what they may
/// subscribe to, and what happens around subscriptions and disconnects.
public struct CometDHooks: Sendable {
    /// Called on every `/meta/handshake` with the HTTP request (cookies,
    /// `Authorization`) and the handshake message (its `ext`). Returns the
    /// identity the new client acts as, or nil to deny the handshake
    /// (`403::Handshake denied`, advice `reconnect: none`). A thrown error is
    /// answered as an HTTP error (e.g. 503 while the session store is down),
    /// which CometD clients retry.
    public var authenticate: @Sendable (Request, BayeuxMessage) async throws -> CometDIdentity?
    /// Whether `identity` may subscribe to `channel` (a pattern, possibly with
    /// `*` or `**`); false answers `403::Forbidden`. Allows everything by default.
    public var authorizeSubscription: @Sendable (CometDIdentity, String) async -> Bool
    /// Called after a subscription was recorded, so the app can deliver the
    /// initial state (e.g. `ServiceStateChanged`) to the new subscriber.
    public var onSubscribe: @Sendable (CometDIdentity, String) async -> Void
    /// Called when a client of `identity` is gone: it disconnected, was
    /// dropped for inactivity, or the app disconnected it.
    public var onDisconnect: @Sendable (CometDIdentity) async -> Void
    /// Handles a message a client publishes on a non-meta channel; true
    /// answers `successful: true`. Nil (the default) denies every publish
    /// with `403::Publish denied`.
    public var onPublish: (@Sendable (CometDIdentity, String, JSONValue) async -> Bool)?

    public init(
        authenticate: @escaping @Sendable (Request, BayeuxMessage) async throws -> CometDIdentity?,
        authorizeSubscription: @escaping @Sendable (CometDIdentity, String) async -> Bool = { _, _ in true },
        onSubscribe: @escaping @Sendable (CometDIdentity, String) async -> Void = { _, _ in },
        onDisconnect: @escaping @Sendable (CometDIdentity) async -> Void = { _ in },
        onPublish: (@Sendable (CometDIdentity, String, JSONValue) async -> Bool)? = nil
    ) {
        self.authenticate = authenticate
        self.authorizeSubscription = authorizeSubscription
        self.onSubscribe = onSubscribe
        self.onDisconnect = onDisconnect
        self.onPublish = onPublish
    }
}
