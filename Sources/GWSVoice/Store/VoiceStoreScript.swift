/// The Lua script that writes an agent's record with compare-and-set
/// (``VoiceStateStore``), keeps the DN index in step and publishes the
/// notifications on the bus channel and appends them to the event stream
/// (``AgentNotification/streamKey``), all in one atomic step on the Redis server.
///
/// KEYS: 1 the agent's record, 2 the DN index entry to claim (or the record
/// key again when none), 3 the DN index entry to release (likewise), 4 the
/// event stream.
/// ARGV: 1 expected version, 2 the new record (JSON), 3 the user name,
/// 4 `"1"` to claim, 5 `"1"` to release, 6 the bus channel, 7 the stream's
/// approximate maximum length, 8… messages.
///
/// Replies `{"ok", newVersion}`, `{"conflict", storedVersion}` (the record
/// changed since it was read: nothing written), or `{"dn-in-use", owner}`
/// (another agent holds the DN: nothing written).
///
/// The keys of one agent and its DNs need not hash to one Redis Cluster slot
/// (we run one Redis, not a cluster).
enum VoiceStoreScript {
    static let source = """
        local current = redis.call('GET', KEYS[1])
        local version = 0
        if current then version = tonumber(cjson.decode(current)['version']) or 0 end
        if version ~= tonumber(ARGV[1]) then return {'conflict', version} end
        if ARGV[4] == '1' then
          local owner = redis.call('GET', KEYS[2])
          if owner and owner ~= ARGV[3] then return {'dn-in-use', owner} end
        end
        if ARGV[5] == '1' and redis.call('GET', KEYS[3]) == ARGV[3] then redis.call('DEL', KEYS[3]) end
        if ARGV[4] == '1' then redis.call('SET', KEYS[2], ARGV[3]) end
        redis.call('SET', KEYS[1], ARGV[2])
        for i = 8, #ARGV do
          redis.call('PUBLISH', ARGV[6], ARGV[i])
          redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], '*', 'n', ARGV[i])
        end
        return {'ok', version + 1}
        """

    /// The script's reply.
    enum Reply: Equatable {
        case stored(version: Int)
        case conflict(storedVersion: Int)
        case dnInUse(owner: String)
    }
}
