import Foundation

extension PostgresConfiguration {
    /// Parses `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`.
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
        guard let components = URLComponents(string: url) else {
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
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw invalid("unsupported parameter '\(item.name)' (supported: sslmode)")
            }
            guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                throw invalid("sslmode must be one of disable, prefer, require")
            }
            sslMode = mode
        }

        self.init(host: host, port: port, username: username, database: database, sslMode: sslMode)
        if let passwordFile {
            self.password = RedactedPassword(value: try Self.readPassword(from: passwordFile))
        } else if let password = components.password, !password.isEmpty {
            self.password = RedactedPassword(value: password)
        }
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
