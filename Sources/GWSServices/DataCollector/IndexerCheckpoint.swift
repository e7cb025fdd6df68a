import GWSStores
import GWSVoice

/// The Data Collector indexer's position in the event stream, kept in Redis
/// (`gws:stream:events:checkpoint`, the id of the last entry whose events were
/// all recorded), so that whichever instance leads next resumes there.
///
/// It only moves forward: ``advance(to:)`` is a script that writes the id only
/// when it is after the stored one. Every id written is one its writer had
/// recorded everything up to, so the greatest is safe, and an old leader that
/// wakes up late (paused, partitioned) cannot move it back.
struct IndexerCheckpoint: Sendable {
    /// The default key: the stream's key with `:checkpoint`.
    static let defaultKey = AgentNotificationStreamKeys.checkpoint

    let redis: RedisClient
    let key: String

    init(redis: RedisClient, key: String = Self.defaultKey) {
        self.redis = redis
        self.key = key
    }

    /// Writes `ARGV[1]` unless the stored id is the same or after it; replies 1 when written.
    static let script = """
        local stored = redis.call('GET', KEYS[1])
        local nm, ns = string.match(ARGV[1], '^(%d+)-(%d+)$')
        if not nm then return redis.error_reply('not a stream id: ' .. ARGV[1]) end
        if stored then
          local sm, ss = string.match(stored, '^(%d+)-(%d+)$')
          if sm then
            nm, ns, sm, ss = tonumber(nm), tonumber(ns), tonumber(sm), tonumber(ss)
            if nm < sm or (nm == sm and ns <= ss) then return 0 end
          end
        end
        redis.call('SET', KEYS[1], ARGV[1])
        return 1
        """

    /// The stored position; ``RedisStreamID/zero`` (the whole stream) when there is none yet.
    func load() async throws -> RedisStreamID {
        guard let text = try await redis.get(key) else { return .zero }
        guard let id = RedisStreamID(text) else {
            throw RedisError(.unexpectedReply, "the indexer checkpoint \(key) is not a stream id: \(text)")
        }
        return id
    }

    /// Moves the checkpoint to `id` unless it is already there or further.
    /// - Returns: whether it moved.
    @discardableResult
    func advance(to id: RedisStreamID) async throws -> Bool {
        try await redis.command(["EVAL", Self.script, "1", key, id.description]).int == 1
    }
}

/// The Redis keys of the event stream the Data Collector indexes.
enum AgentNotificationStreamKeys {
    /// `gws:stream:events`
    static let stream = AgentNotification.streamKey
    /// `gws:stream:events:checkpoint`
    static let checkpoint = AgentNotification.streamKey + ":checkpoint"
}
