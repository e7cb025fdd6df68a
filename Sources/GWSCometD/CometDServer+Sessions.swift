import GWSStores
import Hummingbird

extension CometDServer {
    /// `/meta/handshake`: authenticates through the hook and, when it finds
    /// an identity, creates a client bound to it.
    func handshake(_ message: BayeuxMessage, request: Request) async throws -> JSONValue {
        if state.withLock({ $0.stopping }) {
            return BayeuxReply.failure(
                to: message, error: BayeuxReply.stopping,
                advice: BayeuxReply.advice(.handshake, interval: configuration.retryIntervalWhileStopping))
        }
        if let types = message.fields["supportedConnectionTypes"]?.arrayValue,
            !types.contains(.string("long-polling"))
        {
            return BayeuxReply.failure(
                to: message, error: BayeuxReply.unsupportedConnectionType, advice: BayeuxReply.advice(.none),
                ["supportedConnectionTypes": ["long-polling"]])
        }
        guard let identity = try await hooks.authenticate(request, message) else {
            logger.info("handshake denied")
            return BayeuxReply.failure(
                to: message, error: BayeuxReply.handshakeDenied, advice: BayeuxReply.advice(.none))
        }
        let clientID = Self.makeClientID()
        let client = CometDClient(identity: identity, now: now())
        state.withLock { $0.add(client, id: clientID) }
        recordClientCount()
        logger.debug("handshake", metadata: ["identity": "\(identity)"])
        return .object(
            BayeuxReply.reply(
                to: message, successful: true,
                [
                    "version": "1.0",
                    "supportedConnectionTypes": ["long-polling"],
                    "clientId": .string(clientID),
                    "advice": BayeuxReply.advice(
                        .retry, interval: configuration.interval, timeout: configuration.longPollTimeout),
                ]))
    }

    /// `/meta/disconnect`: removes the client, releasing its held connect.
    func disconnect(_ message: BayeuxMessage) async -> JSONValue {
        guard let clientID = message.clientID, let identity = await removeClient(clientID) else {
            return BayeuxReply.unknownClient(message)
        }
        logger.debug("disconnect", metadata: ["identity": "\(identity)"])
        return .object(BayeuxReply.reply(to: message, successful: true, ["clientId": .string(clientID)]))
    }

    /// Disconnects every client of `identity` (e.g. on Workspace logout);
    /// their held connects return with advice `reconnect: none`. Returns how
    /// many clients it removed.
    @discardableResult
    public func disconnect(_ identity: CometDIdentity) async -> Int {
        let ids = state.withLock { $0.clientsByIdentity[identity] ?? [] }
        var removed = 0
        for id in ids where await removeClient(id) != nil { removed += 1 }
        return removed
    }

    /// Removes one client, releases its held connect and tells the app.
    /// Returns its identity, or nil when it was not there.
    func removeClient(_ clientID: String) async -> CometDIdentity? {
        guard let removed = state.withLock({ $0.remove(clientID) }) else { return nil }
        removed.release?.resume()
        recordClientCount()
        await hooks.onDisconnect(removed.client.identity)
        return removed.client.identity
    }

    /// A fresh, unguessable client id: 128 random bits in hex.
    static func makeClientID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
