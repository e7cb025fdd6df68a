extension RedisConfiguration {
    /// `redis-sentinel://`
    static let sentinelScheme = "redis-sentinel://"

    /// Parses `redis-sentinel://[user[:password]@]host1[:port1][,host2[:port2]…]/masterName[/db]`.
    ///
    /// - the hosts are Sentinels (port 26379 when left out; `[::1]:26379` for IPv6),
    ///   asked in turn for the master named `masterName`;
    /// - `user` and `password` are sent with AUTH to the master (and would be
    ///   to a replica), never to the Sentinels;
    /// - `db` is the database selected on the master (default 0).
    ///
    /// For example `redis-sentinel://127.0.0.1:26379,127.0.0.1:26380,127.0.0.1:26381/gws/0`.
    /// TLS (`rediss://`) is not available with Sentinels.
    ///
    /// - Throws: ``RedisError`` with code ``RedisError/Code/invalidConfiguration``;
    ///   its message never contains the password.
    public init(sentinelURL url: String) throws {
        self.init()
        guard url.hasPrefix(Self.sentinelScheme) else {
            throw Self.invalidSentinel("the scheme must be redis-sentinel://")
        }
        var rest = url.dropFirst(Self.sentinelScheme.count)
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        guard let slash = rest.firstIndex(of: "/") else { throw Self.invalidSentinel("the master name is missing") }
        let path = rest[rest.index(after: slash)...].split(separator: "/", omittingEmptySubsequences: false)
        let authority = splitUserInfo(rest[..<slash])
        var sentinels: [RedisServerAddress] = []
        for item in authority.split(separator: ",", omittingEmptySubsequences: false) {
            sentinels.append(try Self.sentinelAddress(item))
        }
        guard let name = path.first, !name.isEmpty else { throw Self.invalidSentinel("the master name is missing") }
        guard path.count <= 2 else { throw Self.invalidSentinel("unexpected text after the database") }
        if path.count == 2, !path[1].isEmpty {
            guard let db = Int(path[1]), db >= 0 else { throw Self.invalidSentinel("the database must be a number") }
            database = db
        }
        sentinel = RedisSentinelConfiguration(sentinels: sentinels, masterName: Self.percentDecoded(name))
        host = sentinels[0].host
        port = sentinels[0].port
    }

    private static func sentinelAddress(_ text: Substring) throws -> RedisServerAddress {
        let host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalidSentinel("unterminated IPv6 address") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw invalidSentinel("unexpected text after the IPv6 address")
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = text
        }
        guard !host.isEmpty else { throw invalidSentinel("a Sentinel's host is missing") }
        var port = RedisSentinelConfiguration.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw invalidSentinel("a Sentinel's port must be a number from 1 to 65535 (\(host):…)")
            }
            port = value
        }
        return RedisServerAddress(host: String(host), port: port)
    }

    private static func invalidSentinel(_ reason: String) -> RedisError {
        RedisError(
            .invalidConfiguration,
            "invalid Redis Sentinel URL (expected redis-sentinel://[user[:password]@]host[:port][,host[:port]…]/masterName[/db]): \(reason)"
        )
    }
}
