import GWSStores

extension CometDServer {
    /// What a connect does once it checked the client in.
    private enum ConnectStart {
        case unknown
        /// Answer at once with these messages.
        case immediate(Drained, stopping: Bool)
        /// Wait for the waiter with this token.
        case hold(token: UInt64)
    }

    /// `/meta/connect`: returns the client's queued messages followed by the
    /// connect reply. Held until something is queued, the timeout passes
    /// (the client's `advice.timeout` when shorter), a newer connect or a
    /// disconnect releases it, or the server stops. The first connect after a
    /// handshake returns at once.
    func connect(_ message: BayeuxMessage) async -> [JSONValue] {
        guard let clientID = message.clientID else { return [BayeuxReply.unknownClient(message)] }
        if let type = message.fields["connectionType"]?.stringValue, type != "long-polling" {
            return [
                BayeuxReply.failure(
                    to: message, error: BayeuxReply.unsupportedConnectionType,
                    advice: BayeuxReply.advice(.handshake), ["supportedConnectionTypes": ["long-polling"]])
            ]
        }
        let timeout = holdTimeout(message)
        let now = now()
        let (start, replaced) = state.withLock { state in
            startConnect(clientID, timeout: timeout, now: now, state: &state)
        }
        replaced?.resume()
        switch start {
        case .unknown:
            return [BayeuxReply.unknownClient(message)]
        case .immediate(let drained, let stopping):
            return answer(message, clientID: clientID, drained: drained, reconnect: .retry, stopping: stopping)
        case .hold(let token):
            let reason = await hold(clientID, token: token, timeout: timeout)
            guard let drained = finishConnect(clientID, token: token, drain: reason.drainsQueue) else {
                // Disconnected while held (by the client or the app): stop.
                return answer(message, clientID: clientID, drained: .none, reconnect: .none, stopping: false)
            }
            return answer(message, clientID: clientID, drained: drained, reconnect: .retry, stopping: false)
        }
    }

    /// The hold time: the server's long-poll timeout, or the client's
    /// `advice.timeout` (milliseconds) when shorter.
    private func holdTimeout(_ message: BayeuxMessage) -> Duration {
        guard let milliseconds = message.advice?["timeout"]?.intValue, milliseconds >= 0 else {
            return configuration.longPollTimeout
        }
        return min(configuration.longPollTimeout, .milliseconds(milliseconds))
    }

    /// Under the lock: answer at once, or register a waiter. Also returns the
    /// older held connect this one replaces, to release after the lock.
    private func startConnect(
        _ clientID: String, timeout: Duration, now: ContinuousClock.Instant, state: inout CometDState
    ) -> (ConnectStart, LongPollWaiter.Release?) {
        guard let index = state.clients.index(forKey: clientID) else { return (.unknown, nil) }
        state.clients.values[index].lastSeen = now
        let firstConnect = !state.clients.values[index].hasConnected
        state.clients.values[index].hasConnected = true
        let replaced = state.clients.values[index].releaseWaiter(.replaced)
        if state.stopping || firstConnect || timeout <= .zero || !state.clients.values[index].queue.isEmpty {
            return (.immediate(state.clients.values[index].drain(), stopping: state.stopping), replaced)
        }
        let token = state.makeToken()
        state.clients.values[index].waiter = LongPollWaiter(token: token)
        return (.hold(token: token), replaced)
    }

    /// Suspends until the waiter `token` is woken; a cancelled request wakes it too.
    private func hold(_ clientID: String, token: UInt64, timeout: Duration) async -> WakeReason {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                attach(continuation, clientID: clientID, token: token, timeout: timeout)
            }
        } onCancel: {
            wake(clientID, token: token, reason: .cancelled)
        }
    }

    /// Attaches the continuation and starts the timeout, or resumes at once
    /// when the waiter was woken, replaced or removed in the meantime.
    private func attach(
        _ continuation: CheckedContinuation<WakeReason, Never>, clientID: String, token: UInt64, timeout: Duration
    ) {
        let immediate: WakeReason? = state.withLock { state in
            guard let index = state.clients.index(forKey: clientID) else { return .disconnected }
            guard var waiter = state.clients.values[index].waiter, waiter.token == token else { return .replaced }
            if let pending = waiter.pending {
                state.clients.values[index].waiter = nil
                return pending
            }
            waiter.continuation = continuation
            waiter.timer = Task { [self] in
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                wake(clientID, token: token, reason: .timeout)
            }
            state.clients.values[index].waiter = waiter
            return nil
        }
        if let immediate { continuation.resume(returning: immediate) }
    }

    /// Wakes the client's waiter if it is still `token`.
    func wake(_ clientID: String, token: UInt64, reason: WakeReason) {
        let release = state.withLock { state -> LongPollWaiter.Release? in
            guard let index = state.clients.index(forKey: clientID),
                state.clients.values[index].waiter?.token == token
            else { return nil }
            return state.clients.values[index].wake(reason)
        }
        release?.resume()
    }

    /// After the hold: the queued messages (none unless `drain`), or nil
    /// when the client is gone.
    private func finishConnect(_ clientID: String, token: UInt64, drain: Bool) -> Drained? {
        let now = now()
        return state.withLock { state -> Drained? in
            guard let index = state.clients.index(forKey: clientID) else { return nil }
            state.clients.values[index].lastSeen = now
            if state.clients.values[index].waiter?.token == token {
                _ = state.clients.values[index].releaseWaiter(.cancelled)
            }
            return drain ? state.clients.values[index].drain() : Drained.none
        }
    }

    /// The connect response: queued messages, then the reply with advice.
    private func answer(
        _ message: BayeuxMessage, clientID: String, drained: Drained, reconnect: BayeuxReply.Reconnect,
        stopping: Bool
    ) -> [JSONValue] {
        if drained.dropped > 0, let identity = drained.identity {
            logger.info(
                "delivered a queue that overflowed",
                metadata: ["identity": "\(identity)", "dropped": "\(drained.dropped)"])
        }
        if !drained.messages.isEmpty { metrics.delivered.increment(by: drained.messages.count) }
        let interval = stopping ? configuration.retryIntervalWhileStopping : configuration.interval
        let advice = BayeuxReply.advice(reconnect, interval: interval, timeout: configuration.longPollTimeout)
        let reply = BayeuxReply.reply(
            to: message, successful: true, ["clientId": .string(clientID), "advice": advice])
        return drained.messages.map(\.json) + [.object(reply)]
    }
}
