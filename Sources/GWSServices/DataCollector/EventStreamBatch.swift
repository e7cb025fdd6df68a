import GWSStores
import GWSVoice

/// One read of the event stream, ready to record: the notifications, split
/// into queues by tenant and user (one agent's events stay in order, different
/// agents' may be recorded concurrently), and the id to checkpoint once every
/// queue is recorded. Pure: no I/O.
struct EventStreamBatch: Sendable, Equatable {
    /// The notifications, one queue per tenant and user, each in stream order.
    var queues: [[AgentNotification]]
    /// Entries that are not agent notifications (skipped, but checkpointed past).
    var skipped: [RedisStreamID]
    /// The last entry's id: where the checkpoint goes after this batch; nil for an empty read.
    var last: RedisStreamID?

    /// Splits `entries` (in stream order) into at most `queues` queues.
    init(_ entries: [RedisStreamEntry], queues count: Int) {
        let count = max(1, count)
        var queues = [[AgentNotification]](repeating: [], count: count)
        var skipped: [RedisStreamID] = []
        for entry in entries {
            guard let json = entry[AgentNotification.streamField],
                let notification = try? AgentNotification(jsonString: json)
            else {
                skipped.append(entry.id)
                continue
            }
            queues[Self.queue(of: notification, among: count)].append(notification)
        }
        self.queues = queues.filter { !$0.isEmpty }
        self.skipped = skipped
        self.last = entries.last?.id
    }

    /// How many notifications the batch holds.
    var count: Int { queues.reduce(0) { $0 + $1.count } }

    /// The queue of a notification's agent: a stable hash of tenant and user
    /// (FNV-1a, not `hashValue`, which changes between processes).
    static func queue(of notification: AgentNotification, among count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (notification.tenant + "\u{0}" + notification.userName).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(max(1, count)))
    }
}
