/// Everything a ``CometDServer`` keeps under its lock: the clients by id,
/// an index by identity for addressed deliveries, and whether it is stopping.
/// Plain synchronous mutations; continuations are returned to be resumed
/// after the lock is released.
struct CometDState {
    var clients: [String: CometDClient] = [:]
    /// The client ids of each identity (usually one; a few with several tabs).
    var clientsByIdentity: [CometDIdentity: [String]] = [:]
    /// Source of ``LongPollWaiter/token``s.
    var nextToken: UInt64 = 0
    /// Set once the server stops: connects are answered at once.
    var stopping = false

    /// What enqueuing a message did.
    struct Enqueued {
        /// Clients the message was queued for.
        var recipients = 0
        /// Held connects to wake.
        var releases: [LongPollWaiter.Release] = []
        /// Messages dropped from full queues.
        var dropped = 0
        /// Clients whose queue overflowed for the first time since their last drain.
        var overflowed: [(clientID: String, identity: CometDIdentity)] = []
    }

    mutating func add(_ client: CometDClient, id: String) {
        clients[id] = client
        clientsByIdentity[client.identity, default: []].append(id)
    }

    /// Removes a client, returning it and its held connect to release.
    mutating func remove(_ id: String) -> (client: CometDClient, release: LongPollWaiter.Release?)? {
        guard var client = clients.removeValue(forKey: id) else { return nil }
        if var ids = clientsByIdentity[client.identity] {
            ids.removeAll { $0 == id }
            clientsByIdentity[client.identity] = ids.isEmpty ? nil : ids
        }
        let release = client.releaseWaiter(.disconnected)
        return (client, release)
    }

    /// A new waiter token.
    mutating func makeToken() -> UInt64 {
        nextToken &+= 1
        return nextToken
    }

    /// Queues `message` for every client in `ids` subscribed to its channel,
    /// waking their held connects.
    mutating func enqueue(
        _ message: QueuedMessage, for ids: some Sequence<String>, limit: Int, into result: inout Enqueued
    ) {
        for id in ids {
            // Mutate through the index so the client (and its queue) is not copied.
            guard let index = clients.index(forKey: id), clients.values[index].isSubscribed(to: message.channel)
            else { continue }
            if clients.values[index].enqueue(message, limit: limit) {
                result.dropped += 1
                if clients.values[index].dropped == 1 { result.overflowed.append((id, clients.values[index].identity)) }
            }
            if let release = clients.values[index].wake(.messages) { result.releases.append(release) }
            result.recipients += 1
        }
    }
}
