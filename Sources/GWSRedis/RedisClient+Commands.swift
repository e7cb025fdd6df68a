import NIOCore

/// How long a key set with ``RedisClient/set(_:to:expiration:condition:)`` lives.
public enum RedisExpiration: Sendable, Hashable {
    /// `EX seconds`
    case seconds(Int)
    /// `PX milliseconds`
    case milliseconds(Int)
}

/// When ``RedisClient/set(_:to:expiration:condition:)`` writes.
public enum RedisSetCondition: Sendable, Hashable {
    /// Always (plain SET).
    case always
    /// `NX`: only when the key does not exist.
    case ifNotExists
    /// `XX`: only when the key exists.
    case ifExists
}

extension RedisClient {
    /// `PING`: the server's reply, `"PONG"`.
    public func ping() async throws -> String {
        try await text(command(["PING"]), "PING")
    }

    /// `GET key`: the value, or nil when the key does not exist.
    public func get(_ key: String) async throws -> String? {
        let reply = try await command(["GET", key])
        return reply.isNull ? nil : try text(reply, "GET")
    }

    /// `SET key value [EX s | PX ms] [NX | XX]`: false when the condition kept it from writing.
    @discardableResult
    public func set(
        _ key: String, to value: String, expiration: RedisExpiration? = nil, condition: RedisSetCondition = .always
    ) async throws -> Bool {
        var arguments = ["SET", key, value]
        switch expiration {
        case .seconds(let s)?: arguments += ["EX", String(s)]
        case .milliseconds(let ms)?: arguments += ["PX", String(ms)]
        case nil: break
        }
        switch condition {
        case .always: break
        case .ifNotExists: arguments.append("NX")
        case .ifExists: arguments.append("XX")
        }
        return try await !command(arguments).isNull
    }

    /// `DEL key…`: how many keys were removed.
    @discardableResult
    public func del(_ keys: String...) async throws -> Int {
        try await integer(command(["DEL"] + keys), "DEL")
    }

    /// `EXISTS key…`: how many of the keys exist.
    public func exists(_ keys: String...) async throws -> Int {
        try await integer(command(["EXISTS"] + keys), "EXISTS")
    }

    /// `EXPIRE key seconds`: false when the key does not exist.
    @discardableResult
    public func expire(_ key: String, seconds: Int) async throws -> Bool {
        try await integer(command(["EXPIRE", key, String(seconds)]), "EXPIRE") == 1
    }

    /// `TTL key`: seconds left; -1 without expiry, -2 when the key does not exist.
    public func ttl(_ key: String) async throws -> Int {
        try await integer(command(["TTL", key]), "TTL")
    }

    /// `INCR key`: the new value.
    @discardableResult
    public func incr(_ key: String) async throws -> Int {
        try await integer(command(["INCR", key]), "INCR")
    }

    /// `HSET key field value …`: how many fields were added (not updated).
    @discardableResult
    public func hset(_ key: String, fields: [(field: String, value: String)]) async throws -> Int {
        var arguments = ["HSET", key]
        for (field, value) in fields { arguments += [field, value] }
        return try await integer(command(arguments), "HSET")
    }

    /// `HSET key field value`: true when the field is new.
    @discardableResult
    public func hset(_ key: String, field: String, to value: String) async throws -> Bool {
        try await hset(key, fields: [(field, value)]) == 1
    }

    /// `HGET key field`: nil when the key or field does not exist.
    public func hget(_ key: String, field: String) async throws -> String? {
        let reply = try await command(["HGET", key, field])
        return reply.isNull ? nil : try text(reply, "HGET")
    }

    /// `HGETALL key`: every field and value (empty when the key does not exist).
    public func hgetall(_ key: String) async throws -> [String: String] {
        let items = try await strings(command(["HGETALL", key]), "HGETALL")
        guard items.count % 2 == 0 else { throw RedisError(.unexpectedReply, "HGETALL returned an odd number of items") }
        var result: [String: String] = [:]
        for i in stride(from: 0, to: items.count, by: 2) { result[items[i]] = items[i + 1] }
        return result
    }

    /// `HDEL key field…`: how many fields were removed.
    @discardableResult
    public func hdel(_ key: String, fields: String...) async throws -> Int {
        try await integer(command(["HDEL", key] + fields), "HDEL")
    }

    /// `LPUSH key value…`: the list's new length.
    @discardableResult
    public func lpush(_ key: String, values: String...) async throws -> Int {
        try await integer(command(["LPUSH", key] + values), "LPUSH")
    }

    /// `LRANGE key start stop` (inclusive; negative indexes count from the end).
    public func lrange(_ key: String, from start: Int, to stop: Int) async throws -> [String] {
        try await strings(command(["LRANGE", key, String(start), String(stop)]), "LRANGE")
    }

    /// `LTRIM key start stop`: keeps only that range.
    public func ltrim(_ key: String, from start: Int, to stop: Int) async throws {
        _ = try await command(["LTRIM", key, String(start), String(stop)])
    }

    /// `SADD key member…`: how many members were added.
    @discardableResult
    public func sadd(_ key: String, members: String...) async throws -> Int {
        try await integer(command(["SADD", key] + members), "SADD")
    }

    /// `SREM key member…`: how many members were removed.
    @discardableResult
    public func srem(_ key: String, members: String...) async throws -> Int {
        try await integer(command(["SREM", key] + members), "SREM")
    }

    /// `SMEMBERS key`.
    public func smembers(_ key: String) async throws -> Set<String> {
        try await Set(strings(command(["SMEMBERS", key]), "SMEMBERS"))
    }

    /// `PUBLISH channel message`: how many subscribers received it.
    @discardableResult
    public func publish(_ message: String, to channel: String) async throws -> Int {
        try await integer(command(["PUBLISH", channel, message]), "PUBLISH")
    }

    /// `INFO [section]`: the server's report, as text.
    public func info(_ section: String? = nil) async throws -> String {
        try await text(command(["INFO"] + (section.map { [$0] } ?? [])), "INFO")
    }

    private func text(_ reply: RESPValue, _ command: String) throws -> String {
        guard let s = reply.string else { throw RedisError.unexpected(reply, for: command) }
        return s
    }

    private func integer(_ reply: RESPValue, _ command: String) throws -> Int {
        guard case .integer(let i) = reply else { throw RedisError.unexpected(reply, for: command) }
        return i
    }

    private func strings(_ reply: RESPValue, _ command: String) throws -> [String] {
        guard let items = reply.array else { throw RedisError.unexpected(reply, for: command) }
        return try items.map { try text($0, command) }
    }
}
