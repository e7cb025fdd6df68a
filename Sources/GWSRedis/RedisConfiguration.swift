import Foundation
import NIOSSL

/// Where and how to reach a Redis server. A value type with defaults; build
/// it in memory in tests, or from a `redis://` or `redis-sentinel://` URL.
///
/// The password is held in a redacting box: it never appears in
/// `description`, `debugDescription`, reflection, logs or error messages.
public struct RedisConfiguration: Sendable, CustomStringConvertible {
    /// Host name or IP address.
    public var host: String
    /// TCP port (default 6379).
    public var port: Int
    /// Username for `AUTH user password` (Redis 6 ACLs); nil means `AUTH password`.
    public var username: String?
    /// Database selected with `SELECT` on connect; 0 (the default) sends nothing.
    public var database: Int
    /// TLS settings; non-nil for `rediss://`.
    public var tls: TLSConfiguration?
    /// Limit for establishing one connection (TCP, TLS, AUTH and SELECT).
    public var connectTimeout: Duration
    /// Limit for one command's reply.
    public var commandTimeout: Duration
    /// The pool holds at most this many connections (it starts with none).
    public var maximumConnections: Int
    /// How connecting is retried when the server is unreachable.
    public var reconnect: RedisBackoff
    /// When set, the master is found through these Sentinels and followed
    /// across failovers; ``host`` and ``port`` are then not used.
    public var sentinel: RedisSentinelConfiguration?
    private var secret: Redacted

    /// The password sent with AUTH, if any.
    public var password: String? {
        get { secret.value }
        set { secret = Redacted(newValue) }
    }

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil,
        database: Int = 0, tls: TLSConfiguration? = nil, connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration = .seconds(5), maximumConnections: Int = 8, reconnect: RedisBackoff = RedisBackoff(),
        sentinel: RedisSentinelConfiguration? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.secret = Redacted(password)
        self.database = database
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.maximumConnections = max(1, maximumConnections)
        self.reconnect = reconnect
        self.sentinel = sentinel
    }

    /// Parses `redis://[user[:password]@]host[:port][/db]`, `rediss://…` (TLS),
    /// or `redis-sentinel://[user[:password]@]host1[:port1][,host2[:port2]…]/masterName[/db]`
    /// (see ``init(sentinelURL:)``).
    ///
    /// - Parameter passwordFile: when given, the password is read from this file
    ///   (trailing newline removed) and replaces any password in the URL.
    /// - Throws: ``RedisError`` with code ``RedisError/Code/invalidConfiguration``;
    ///   its message never contains the password.
    public init(url: String, passwordFile: String? = nil) throws {
        self.init()
        let scheme: String
        var rest: Substring
        if url.hasPrefix(Self.sentinelScheme) {
            self = try RedisConfiguration(sentinelURL: url)
            if let passwordFile { password = try Self.readPasswordFile(passwordFile) }
            return
        } else if url.hasPrefix("redis://") {
            scheme = "redis"
            rest = url.dropFirst("redis://".count)
        } else if url.hasPrefix("rediss://") {
            scheme = "rediss"
            rest = url.dropFirst("rediss://".count)
            tls = TLSConfiguration.makeClientConfiguration()
        } else {
            throw Self.invalid("the scheme must be redis://, rediss:// or redis-sentinel://")
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        rest = splitUserInfo(rest)
        let hostPart: Substring
        var portPart: Substring?
        if rest.hasPrefix("[") {  // [IPv6]:port
            guard let close = rest.firstIndex(of: "]") else { throw Self.invalid("unterminated IPv6 address") }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty {
                throw Self.invalid("unexpected text after the IPv6 address")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
        } else {
            hostPart = rest
        }
        guard !hostPart.isEmpty else { throw Self.invalid("the host is missing") }
        host = String(hostPart)
        if let portPart {
            guard let value = Int(portPart), (1...65535).contains(value) else {
                throw Self.invalid("the port must be a number from 1 to 65535 in \(scheme)://\(host):…")
            }
            port = value
        }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        if !path.isEmpty {
            guard let db = Int(path), db >= 0 else { throw Self.invalid("the database must be a number (\(scheme)://\(host):\(port)/…)") }
            database = db
        }
        if let passwordFile { password = try Self.readPasswordFile(passwordFile) }
    }

    /// The password in `path`, trailing newline removed.
    static func readPasswordFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RedisError(.invalidConfiguration, "cannot read the Redis password file \(path)")
        }
        var trimmed = Substring(text)
        while let last = trimmed.last, last == "\n" || last == "\r" { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// `redis://user:***@host:port/db` (or the `redis-sentinel://` form): never the password.
    public var description: String {
        var s = sentinel != nil ? Self.sentinelScheme : tls == nil ? "redis://" : "rediss://"
        if let username { s += username + (password == nil ? "@" : ":***@") } else if password != nil { s += ":***@" }
        if let sentinel {
            s += sentinel.sentinels.map(\.description).joined(separator: ",") + "/\(sentinel.masterName)/\(database)"
            return s
        }
        s += host.contains(":") ? "[\(host)]" : host
        s += ":\(port)/\(database)"
        return s
    }

    /// `host:port`, as named in connection errors; with Sentinels, the master's
    /// name and the Sentinels (`master gws via 127.0.0.1:26379,…`).
    public var address: String {
        if let sentinel {
            return "master \(sentinel.masterName) via \(sentinel.sentinels.map(\.description).joined(separator: ","))"
        }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func invalid(_ reason: String) -> RedisError {
        RedisError(
            .invalidConfiguration, "invalid Redis URL (expected redis://[user[:password]@]host[:port][/db]): \(reason)")
    }

    /// Takes `user:password@` off the front of a URL's authority into
    /// ``username`` and ``password``; returns the rest (host and port).
    /// `secret@host` is how many clients spell a password without a user.
    mutating func splitUserInfo(_ authority: Substring) -> Substring {
        guard let at = authority.lastIndex(of: "@") else { return authority }
        let userInfo = authority[..<at]
        if let colon = userInfo.firstIndex(of: ":") {
            let user = Self.percentDecoded(userInfo[..<colon])
            username = user.isEmpty ? nil : user
            password = Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
        } else if !userInfo.isEmpty {
            password = Self.percentDecoded(userInfo)
        }
        return authority[authority.index(after: at)...]
    }

    static func percentDecoded(_ s: Substring) -> String {
        String(s).removingPercentEncoding ?? String(s)
    }
}

/// Holds a secret; prints, reflects and dumps as `<redacted>`.
private struct Redacted: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String?
    init(_ value: String?) { self.value = value }
    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
