/// Redis streams: append, read (blocking), length, first entry.
extension RedisClient {
    /// `XADD key [MAXLEN ~ n] * field value …`: the new entry's id.
    ///
    /// - Parameter approximateMaximumLength: trims the stream to about this
    ///   many entries (`MAXLEN ~`: whole macro nodes, so cheaply; a little more may stay).
    @discardableResult
    public func xadd(
        _ key: String, approximateMaximumLength: Int? = nil, fields: [RedisStreamEntry.Field]
    ) async throws -> RedisStreamID {
        var arguments = ["XADD", key]
        if let approximateMaximumLength { arguments += ["MAXLEN", "~", String(approximateMaximumLength)] }
        arguments.append("*")
        for field in fields { arguments += [field.name, field.value] }
        let reply = try await command(arguments)
        guard let text = reply.string, let id = RedisStreamID(text) else { throw RedisError.unexpected(reply, for: "XADD") }
        return id
    }

    /// `XREAD [COUNT n] [BLOCK ms] STREAMS key id`: the entries after `id`, oldest first, at most `count`;
    /// empty when none came within `block` (nil: answer at once).
    ///
    /// A blocking read holds one of the client's connections while it waits: give long-lived blocking
    /// readers a client of their own. The command's timeout is `block` plus the configured one.
    public func xread(
        _ key: String, after id: RedisStreamID, count: Int? = nil, block: Duration? = nil
    ) async throws -> [RedisStreamEntry] {
        var arguments = ["XREAD"]
        if let count { arguments += ["COUNT", String(count)] }
        var timeout: Duration?
        if let block {
            let milliseconds = max(1, Int(block.components.seconds * 1000 + block.components.attoseconds / 1_000_000_000_000_000))
            arguments += ["BLOCK", String(milliseconds)]
            timeout = block + configuration.commandTimeout
        }
        arguments += ["STREAMS", key, id.description]
        let reply = try await command(arguments, timeout: timeout)
        if reply.isNull { return [] }
        guard let streams = reply.array else { throw RedisError.unexpected(reply, for: "XREAD") }
        var entries: [RedisStreamEntry] = []
        for stream in streams {
            // [key, entries] per stream (RESP2, which our client speaks).
            guard let pair = stream.array, pair.count == 2, let items = pair[1].array else {
                throw RedisError.unexpected(reply, for: "XREAD")
            }
            entries += try items.map(RedisStreamEntry.init(reply:))
        }
        return entries
    }

    /// `XLEN key`: how many entries the stream holds (0 when it does not exist).
    public func xlen(_ key: String) async throws -> Int {
        let reply = try await command(["XLEN", key])
        guard case .integer(let count) = reply else { throw RedisError.unexpected(reply, for: "XLEN") }
        return count
    }

    /// `XRANGE key - + COUNT 1`: the oldest entry still in the stream; nil when it is empty.
    public func xfirst(_ key: String) async throws -> RedisStreamEntry? {
        let reply = try await command(["XRANGE", key, "-", "+", "COUNT", "1"])
        guard let items = reply.array else { throw RedisError.unexpected(reply, for: "XRANGE") }
        return try items.first.map(RedisStreamEntry.init(reply:))
    }
}
