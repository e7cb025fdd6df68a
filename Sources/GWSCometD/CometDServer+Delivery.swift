import GWSStores

extension CometDServer {
    /// Whether any client of `identity` is connected to this server.
    public func hasClients(of identity: CometDIdentity) -> Bool {
        state.withLock { !($0.clientsByIdentity[identity] ?? []).isEmpty }
    }

    /// Queues `{"channel": channel, "data": data}` for every client of
    /// `identity` subscribed to a pattern matching `channel`, and wakes their
    /// held connects. Returns how many clients it was queued for.
    @discardableResult
    public func deliver(channel: String, data: JSONValue, to identity: CometDIdentity) -> Int {
        enqueue(QueuedMessage(channel: channel, data: data)) { state in
            state.clientsByIdentity[identity] ?? []
        }
    }

    /// Queues the message for every subscribed client whose identity passes
    /// `predicate` (e.g. every user of a tenant). The predicate runs under the
    /// server's lock, once per identity: keep it quick and free of side effects.
    @discardableResult
    public func deliver(
        channel: String, data: JSONValue, where predicate: (CometDIdentity) -> Bool
    ) -> Int {
        enqueue(QueuedMessage(channel: channel, data: data)) { state in
            var ids: [String] = []
            for (identity, clients) in state.clientsByIdentity where predicate(identity) { ids += clients }
            return ids
        }
    }

    /// Queues the message for every subscribed client.
    @discardableResult
    public func broadcast(channel: String, data: JSONValue) -> Int {
        enqueue(QueuedMessage(channel: channel, data: data)) { state in
            Array(state.clients.keys)
        }
    }

    /// Enqueues under the lock for the clients `recipients` picks, then wakes
    /// held connects and logs overflows after it.
    private func enqueue(_ message: QueuedMessage, recipients: (CometDState) -> [String]) -> Int {
        let limit = configuration.maxQueuedMessages
        let result = state.withLock { state in
            var result = CometDState.Enqueued()
            state.enqueue(message, for: recipients(state), limit: limit, into: &result)
            return result
        }
        for release in result.releases { release.resume() }
        if result.dropped > 0 { metrics.dropped.increment(by: result.dropped) }
        for overflow in result.overflowed {
            logger.warning(
                "client queue full; dropping its oldest messages",
                metadata: ["identity": "\(overflow.identity)", "limit": "\(limit)", "channel": "\(message.channel)"])
        }
        return result.recipients
    }
}
