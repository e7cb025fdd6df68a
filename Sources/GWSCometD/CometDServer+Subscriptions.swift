import GWSStores

extension CometDServer {
    /// `/meta/subscribe`: `subscription` is a channel or an array of them,
    /// with `*` and `**` wildcards. Every one must be valid and authorised, or
    /// none is recorded. The app's `onSubscribe` runs for each new one.
    func subscribe(_ message: BayeuxMessage) async -> JSONValue {
        let echo: [String: JSONValue] = ["subscription": message.fields["subscription"] ?? .null]
        guard let clientID = message.clientID, let identity = touch(clientID) else {
            return BayeuxReply.failure(
                to: message, error: BayeuxReply.unknownClient, advice: BayeuxReply.advice(.handshake), echo)
        }
        guard let channels = Self.subscriptionChannels(message), !channels.isEmpty else {
            return BayeuxReply.failure(to: message, error: BayeuxReply.invalidChannel, echo)
        }
        for channel in channels {
            guard ChannelName.isValidPattern(channel) else {
                return BayeuxReply.failure(to: message, error: BayeuxReply.invalidChannel, echo)
            }
            guard !channel.hasPrefix("/meta/"), await hooks.authorizeSubscription(identity, channel) else {
                logger.info("subscription denied", metadata: ["identity": "\(identity)", "channel": "\(channel)"])
                return BayeuxReply.failure(to: message, error: BayeuxReply.forbidden, echo)
            }
        }
        let recorded = state.withLock { state -> Bool in
            guard state.clients[clientID] != nil else { return false }
            state.clients[clientID]?.subscriptions.formUnion(channels)
            return true
        }
        guard recorded else { return BayeuxReply.unknownClient(message) }
        for channel in channels { await hooks.onSubscribe(identity, channel) }
        return .object(
            BayeuxReply.reply(to: message, successful: true, echo.merging(["clientId": .string(clientID)]) { $1 }))
    }

    /// `/meta/unsubscribe`: removes the given subscriptions (unknown ones are ignored).
    func unsubscribe(_ message: BayeuxMessage) -> JSONValue {
        let echo: [String: JSONValue] = ["subscription": message.fields["subscription"] ?? .null]
        guard let clientID = message.clientID, touch(clientID) != nil else {
            return BayeuxReply.failure(
                to: message, error: BayeuxReply.unknownClient, advice: BayeuxReply.advice(.handshake), echo)
        }
        guard let channels = Self.subscriptionChannels(message), !channels.isEmpty else {
            return BayeuxReply.failure(to: message, error: BayeuxReply.invalidChannel, echo)
        }
        state.withLock { state in
            state.clients[clientID]?.subscriptions.subtract(channels)
        }
        return .object(
            BayeuxReply.reply(to: message, successful: true, echo.merging(["clientId": .string(clientID)]) { $1 }))
    }

    /// A message a client publishes on a non-meta channel: handed to the
    /// app's `onPublish`, denied when there is none.
    func publish(_ message: BayeuxMessage) async -> JSONValue {
        guard let clientID = message.clientID, let identity = touch(clientID) else {
            return BayeuxReply.unknownClient(message)
        }
        guard let onPublish = hooks.onPublish,
            await onPublish(identity, message.channel, message.data ?? .null)
        else {
            return BayeuxReply.failure(to: message, error: BayeuxReply.publishDenied)
        }
        return .object(BayeuxReply.reply(to: message, successful: true, ["clientId": .string(clientID)]))
    }

    /// Marks the client as seen now; returns its identity, or nil when unknown.
    func touch(_ clientID: String) -> CometDIdentity? {
        let now = now()
        return state.withLock { state in
            guard let index = state.clients.index(forKey: clientID) else { return nil }
            state.clients.values[index].lastSeen = now
            return state.clients.values[index].identity
        }
    }

    /// The channels of a `subscription` field: a string or an array of strings.
    static func subscriptionChannels(_ message: BayeuxMessage) -> [String]? {
        switch message.fields["subscription"] {
        case .string(let channel): return [channel]
        case .array(let values):
            let channels = values.compactMap(\.stringValue)
            return channels.count == values.count ? channels : nil
        default: return nil
        }
    }
}
