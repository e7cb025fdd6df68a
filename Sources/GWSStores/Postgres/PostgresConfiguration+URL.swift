import Foundation

extension PostgresConfiguration {
    /// Parses `postgres://user[:password]@host[:port][,host2[:port2]…]/database[?sslmode=disable|prefer|require][&target_session_attrs=any|read-write]`.
    ///
    /// With several hosts (a PostgreSQL primary and its standby, say) the pool
    /// connects to the first that answers, or with `target_session_attrs=read-write`
    /// to the one that accepts writes (libpq's semantics).
    ///
    /// The password is read from `passwordFile` when one is given (trailing
    /// newlines trimmed); that file wins over a password in the URL. Errors
    /// never echo the password.
    /// - Parameters:
    ///   - url: The connection URL (`postgres://` or `postgresql://`).
    ///   - passwordFile: A file holding the password, or `nil`.
    public init(url: String, passwordFile: String?) throws {
        func invalid(_ reason: String) -> PostgresStoreError {
            PostgresStoreError(code: .invalidConfiguration, endpoint: nil, message: "invalid PostgreSQL URL: \(reason)")
        }
        let (singleHostURL, otherServers) = try Self.splitHosts(url, invalid: invalid)
        guard let components = URLComponents(string: singleHostURL) else {
            throw invalid("not a URL (expected postgres://user@host:port/database)")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("the scheme must be postgres:// or postgresql://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw invalid("no host (expected postgres://user@host:port/database)")
        }
        guard let username = components.user, !username.isEmpty else {
            throw invalid("no user name (expected postgres://user@host:port/database)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("port \(port) is out of range") }
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        guard !database.isEmpty, !database.contains("/") else {
            throw invalid("no database name or a malformed one (expected postgres://user@host:port/database)")
        }

        var sslMode = SSLMode.disable
        var target = TargetSessionAttributes.any
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                    throw invalid("sslmode must be one of disable, prefer, require")
                }
                sslMode = mode
            case "target_session_attrs":
                guard let value = item.value, let attributes = TargetSessionAttributes(rawValue: value) else {
                    throw invalid("target_session_attrs must be one of any, read-write")
                }
                target = attributes
            default:
                throw invalid("unsupported parameter '\(item.name)' (supported: sslmode, target_session_attrs)")
            }
        }

        self.init(host: host, port: port, username: username, database: database, sslMode: sslMode)
        self.otherServers = otherServers
        self.targetSessionAttributes = target
        if let passwordFile {
            self.password = RedactedPassword(value: try Self.readPassword(from: passwordFile))
        } else if let password = components.password, !password.isEmpty {
            self.password = RedactedPassword(value: password)
        }
    }

    /// `scheme://user@h1:p1,h2:p2/db` → (`scheme://user@h1:p1/db`, [h2:p2]); one host: unchanged.
    private static func splitHosts(
        _ url: String, invalid: (String) -> PostgresStoreError
    ) throws -> (String, [Server]) {
        guard let schemeEnd = url.range(of: "://") else { return (url, []) }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let hostsStart = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let hosts = authority[hostsStart...].split(separator: ",", omittingEmptySubsequences: false)
        guard hosts.count > 1 else { return (url, []) }
        var others: [Server] = []
        for entry in hosts.dropFirst() {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), !parts[0].isEmpty else {
                throw invalid("malformed host '\(entry)' in the host list (expected host1:port1,host2:port2)")
            }
            var port = 5432
            if parts.count == 2 {
                guard let value = Int(parts[1]), (1...65535).contains(value) else {
                    throw invalid("port '\(parts[1])' of host '\(parts[0])' is not a port number")
                }
                port = value
            }
            others.append(Server(host: String(parts[0]), port: port))
        }
        return (String(url[..<hostsStart]) + hosts[0] + url[authorityEnd...], others)
    }

    private static func readPassword(from path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PostgresStoreError(
                code: .invalidConfiguration, endpoint: nil,
                message: "cannot read the PostgreSQL password file \(path)"
            )
        }
        let text = String(decoding: data, as: UTF8.self)
        let password = String(text.reversed().drop(while: { $0 == "\n" || $0 == "\r" }).reversed())
        guard !password.isEmpty else {
            throw PostgresStoreError(
                code: .invalidConfiguration, endpoint: nil,
                message: "the PostgreSQL password file \(path) is empty"
            )
        }
        return password
    }
}
