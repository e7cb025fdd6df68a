// The Redis client lives in its own target (GWSRedis); re-exported so that
// `import GWSStores` keeps giving RedisClient, RESPValue, … to its users.
@_exported import GWSRedis
