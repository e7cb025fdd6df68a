import Foundation

/// KV locks: `PUT /v1/kv/:key?acquire=|release=` and reading a key with its lock state.
extension ConsulClient {
    /// Tries to lock `key` for `session`, writing `value` only when it gets the lock:
    /// `PUT /v1/kv/:key?acquire=<session>`. `false` when another session holds the key or its
    /// lock-delay runs; the holder acquiring again gets `true` and updates the value.
    public func kvAcquire(_ key: String, session: String, value: String = "") async throws -> Bool {
        try await lock(key, ("acquire", session), value: value)
    }

    /// Unlocks `key` if `session` holds it: `PUT /v1/kv/:key?release=<session>`. Consul writes `value`
    /// as the key's new value. No lock-delay follows, so a waiting session can take the key at once.
    public func kvRelease(_ key: String, session: String, value: String = "") async throws -> Bool {
        try await lock(key, ("release", session), value: value)
    }

    private func lock(_ key: String, _ parameter: (String, String), value: String) async throws -> Bool {
        let (url, _, body) = try await send(
            .PUT, "/v1/kv/\(Self.escape(key, keepingSlashes: true))", query: [parameter], body: Array(value.utf8))
        return try decode(Bool.self, from: body, url: url)
    }

    /// The entry under `key` with its `Session` and `LockIndex`, or `nil` when there is none:
    /// `GET /v1/kv/:key`. With `index`, a blocking query: answers once the key changes past that index
    /// (written, locked, unlocked or deleted), or after `wait` (Consul's default 5 min when `nil`).
    public func kvPair(
        _ key: String, index: UInt64? = nil, wait: Duration? = nil
    ) async throws -> ConsulQueryResult<ConsulKVPair?> {
        var query: [(String, String)] = []
        var timeout = requestTimeout
        if let index, index > 0 {
            let wait = wait ?? .seconds(300)
            query = [("index", String(index)), ("wait", ConsulDuration.format(wait))]
            timeout += wait + wait / 16
        }
        let (url, headers, body) = try await send(
            .GET, "/v1/kv/\(Self.escape(key, keepingSlashes: true))", query: query, timeout: timeout, allow404: true)
        let entry = try body.flatMap { try decode([ConsulWire.KVEntry].self, from: $0, url: url).first }
        return ConsulQueryResult(value: entry.map(ConsulKVPair.init), index: Self.index(headers))
    }
}
