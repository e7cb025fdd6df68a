import GWSStores
import NIOCore

/// A message waiting in a client's queue for its next connect.
struct QueuedMessage: Sendable {
    let channel: String
    let data: JSONValue

    /// The delivered form: `{"channel": …, "data": …}`.
    var json: JSONValue { .object(["channel": .string(channel), "data": data]) }
}

/// What a connect takes from a client's queue.
struct Drained: Sendable {
    var messages: [QueuedMessage]
    /// Messages dropped from the full queue since the previous drain.
    var dropped: Int
    var identity: CometDIdentity?

    static let none = Drained(messages: [], dropped: 0, identity: nil)
}

/// One handshaken client: its identity, subscriptions, queue and held
/// connect. Kept small: thousands live at once.
struct CometDClient {
    /// What `deliver(…to:)` looks up.
    let identity: CometDIdentity
    /// Subscription patterns (`/workspace/v3/voice`, `/a/*`, `/a/**`).
    var subscriptions: Set<String> = []
    /// Messages not yet delivered, oldest first.
    var queue = CircularBuffer<QueuedMessage>(initialCapacity: 4)
    /// The last time the client sent anything (or a held connect ended).
    var lastSeen: ContinuousClock.Instant
    /// Whether a connect came since the handshake (the first one returns at once).
    var hasConnected = false
    /// The held connect, if any.
    var waiter: LongPollWaiter?
    /// Messages dropped because the queue was full, since the last drain.
    var dropped = 0

    init(identity: CometDIdentity, now: ContinuousClock.Instant) {
        self.identity = identity
        self.lastSeen = now
    }

    /// Whether any subscription covers `channel`.
    func isSubscribed(to channel: String) -> Bool {
        subscriptions.contains { ChannelName.matches(pattern: $0, channel: channel) }
    }

    /// Queues `message`, dropping the oldest beyond `limit`. Returns whether one was dropped.
    mutating func enqueue(_ message: QueuedMessage, limit: Int) -> Bool {
        queue.append(message)
        guard queue.count > limit else { return false }
        queue.removeFirst()
        dropped += 1
        return true
    }

    /// Takes every queued message, oldest first, with the drop count since the last drain.
    mutating func drain() -> Drained {
        let drained = Drained(messages: Array(queue), dropped: dropped, identity: identity)
        queue.removeAll(keepingCapacity: queue.count <= 16)
        dropped = 0
        return drained
    }

    /// Wakes the held connect for `reason`: returns it to resume when it is
    /// attached; otherwise remembers the reason for the attach to answer.
    mutating func wake(_ reason: WakeReason) -> LongPollWaiter.Release? {
        guard var waiter else { return nil }
        if waiter.continuation != nil { return releaseWaiter(reason) }
        if waiter.pending == nil { waiter.pending = reason }
        self.waiter = waiter
        return nil
    }

    /// Takes the held connect out (a newer connect replaces it, or the client
    /// goes), returning what to resume if it was attached. An unattached one
    /// finds out at attach.
    mutating func releaseWaiter(_ reason: WakeReason) -> LongPollWaiter.Release? {
        guard let waiter else { return nil }
        self.waiter = nil
        waiter.timer?.cancel()
        return waiter.continuation.map { LongPollWaiter.Release(continuation: $0, reason: reason) }
    }
}
