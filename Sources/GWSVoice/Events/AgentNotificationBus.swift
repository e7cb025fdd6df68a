import GWSStores

/// Puts notifications on the event bus outside a record's write (the record's
/// own go with it, ``VoiceStoreScript``): each is published on the tenant's
/// channel (``AgentNotification/busChannel(tenant:)``, for Workspace) and
/// appended to the event stream (``AgentNotification/streamKey``, for the Data
/// Collector's indexer) in one atomic step, so the two never disagree.
public enum AgentNotificationBus {
    /// KEYS: 1 the stream. ARGV: 1 the channel, 2 the stream's approximate maximum length, 3… messages.
    static let script = """
        for i = 3, #ARGV do
          redis.call('PUBLISH', ARGV[1], ARGV[i])
          redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'n', ARGV[i])
        end
        return #ARGV - 2
        """

    /// Publishes `messages` (notifications' JSON) of `tenant`, in order.
    public static func publish(_ messages: [String], tenant: String, on redis: RedisClient) async throws {
        guard !messages.isEmpty else { return }
        let arguments = [
            AgentNotification.busChannel(tenant: tenant), String(AgentNotification.streamMaximumLength),
        ]
        try await redis.command(["EVAL", script, "1", AgentNotification.streamKey] + arguments + messages)
    }

    /// Publishes `notifications`, each on its own tenant's channel, in order.
    public static func publish(_ notifications: [AgentNotification], on redis: RedisClient) async throws {
        for notification in notifications {
            try await publish([notification.jsonString()], tenant: notification.tenant, on: redis)
        }
    }
}
