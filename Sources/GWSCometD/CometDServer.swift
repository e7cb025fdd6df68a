import GWSStores
import Logging
import Synchronization

/// A Bayeux 1.0 server over HTTP long-polling, as GWS serves at
/// `/workspace/v3/notifications` and `/statistics/v3/notifications`.
///
/// Clients handshake (the ``CometDHooks/authenticate`` hook binds the new
/// `clientId` to a ``CometDIdentity``), subscribe to channels, and hold a
/// `/meta/connect` open until the app delivers something to them or the
/// long-poll timeout passes. The app addresses identities, not clients:
/// ``deliver(channel:data:to:)``, ``deliver(channel:data:where:)``,
/// ``broadcast(channel:data:)``.
///
/// ```swift
/// let cometd = CometDServer(
///     configuration: CometDConfiguration(path: "/workspace/v3/notifications"),
///     hooks: CometDHooks(authenticate: { request, _ in try await sessions.identity(of: request) }),
///     logger: logger)
/// cometd.register(on: router)
/// services = [app, cometd]      // after the app: it stops first and releases held connects
/// cometd.deliver(channel: "/workspace/v3/voice", data: event, to: identity)
/// ```
///
/// All state sits behind one `Mutex`; a client costs its id, identity,
/// subscriptions and queued messages. Clients not heard from for
/// ``CometDConfiguration/maxInactivity`` are dropped by ``expireIdle(now:)``,
/// which ``run()`` calls periodically.
public final class CometDServer: Sendable {
    /// The configuration it was made with.
    public let configuration: CometDConfiguration
    let hooks: CometDHooks
    let logger: Logger
    /// The clock for inactivity (injected so tests need not sleep).
    let now: @Sendable () -> ContinuousClock.Instant
    let state = Mutex(CometDState())
    let metrics: CometDMetrics

    /// - Parameters:
    ///   - configuration: the path and the timing advice.
    ///   - hooks: authentication, authorisation and notifications to the app.
    ///   - logger: where handshakes, expiries and dropped messages are logged.
    ///   - now: the clock used for inactivity; the continuous clock by default.
    public init(
        configuration: CometDConfiguration,
        hooks: CometDHooks,
        logger: Logger,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.configuration = configuration
        self.hooks = hooks
        var logger = logger
        logger[metadataKey: "cometd"] = .string(configuration.path)
        self.logger = logger
        self.now = now
        self.metrics = CometDMetrics(path: configuration.path)
    }

    /// How many clients are connected (handshaken and not gone).
    public var clientCount: Int { state.withLock { $0.clients.count } }

    /// How many clients `identity` has connected.
    public func clientCount(for identity: CometDIdentity) -> Int {
        state.withLock { $0.clientsByIdentity[identity]?.count ?? 0 }
    }

    /// The subscription patterns of every client of `identity`.
    public func subscriptions(of identity: CometDIdentity) -> Set<String> {
        state.withLock { state in
            (state.clientsByIdentity[identity] ?? []).reduce(into: Set<String>()) { result, id in
                result.formUnion(state.clients[id]?.subscriptions ?? [])
            }
        }
    }

    /// Updates the clients gauge.
    func recordClientCount() {
        metrics.clients.record(clientCount)
    }
}

extension CometDServer {
    /// How many connects are held right now (attached and waiting).
    var heldConnectCount: Int {
        state.withLock { state in
            state.clients.values.reduce(0) { $0 + ($1.waiter?.continuation != nil ? 1 : 0) }
        }
    }
}
