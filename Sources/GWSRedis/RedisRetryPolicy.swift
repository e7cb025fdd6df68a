/// Which failed requests the client sends once more after it followed the
/// Sentinels to a (possibly new) master. Pure; used only in Sentinel mode.
///
/// A failure is one of:
/// - **rejected**: the server refused the command without running it
///   (`READONLY`: it is a replica now; `MASTERDOWN`); any command is sent again;
/// - **interrupted**: the connection closed or the reply timed out while the
///   command was in flight, so it may or may not have run on the old master.
///   Only commands whose second run leaves the same state are sent again
///   (``idempotentCommands``): reads, `SET`/`GETEX`/`EXPIRE`/`DEL` and the other
///   overwrites and set operations, and `EVAL`/`EVALSHA`, because every script
///   this code base sends is a compare-and-set guarded by a version (a replay
///   of a script that already ran finds the version moved and changes nothing).
///   `INCR`, `LPUSH`, `GETDEL`, `PUBLISH`, `MULTI`… are not: the error is
///   returned and the caller decides. A replayed `SET … NX` may answer "not
///   set" when its first run did set the key.
/// - **unrelated**: any other error (wrong type, authentication, …): thrown as is.
///
/// A pipeline is sent again only when every command in it may be.
/// A request that could not get a connection at all is not retried here:
/// getting one already waits for a master (``RedisSentinelConfiguration/failoverWait``).
public enum RedisRetryPolicy {
    /// What a failed request tells about the master.
    public enum Failure: Sendable, Hashable {
        /// Refused without running: safe to send again.
        case rejected
        /// Lost in flight: may have run.
        case interrupted
        /// Not about the master.
        case unrelated
    }

    /// Commands that leave the same state when run twice (upper case).
    public static let idempotentCommands: Set<String> = [
        "GET", "MGET", "GETEX", "SET", "SETEX", "PSETEX", "MSET", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT",
        "PERSIST", "DEL", "UNLINK", "EXISTS", "TTL", "PTTL", "TYPE", "STRLEN", "HGET", "HMGET", "HGETALL", "HSET",
        "HMSET", "HDEL", "HEXISTS", "HKEYS", "HVALS", "HLEN", "SADD", "SREM", "SMEMBERS", "SISMEMBER", "SCARD",
        "ZADD", "ZREM", "ZRANGE", "ZRANGEBYSCORE", "ZSCORE", "ZCARD", "LRANGE", "LLEN", "LINDEX", "KEYS", "SCAN",
        "PING", "ECHO", "INFO", "ROLE", "DBSIZE", "TIME", "EVAL", "EVALSHA",
    ]

    /// Classifies an error of a request sent to the master.
    public static func classify(_ error: RedisError) -> Failure {
        if error.code == .connectionClosed || error.code == .timeout { return .interrupted }
        if error.code == .server, error.message.hasPrefix("READONLY") || error.message.hasPrefix("MASTERDOWN") {
            return .rejected
        }
        return .unrelated
    }

    /// Whether a request made of `commands` (their names) may be sent again after `failure`.
    public static func mayRetry(commands: [String], after failure: Failure) -> Bool {
        switch failure {
        case .unrelated: false
        case .rejected: true
        case .interrupted: !commands.isEmpty && commands.allSatisfy { idempotentCommands.contains($0.uppercased()) }
        }
    }
}
