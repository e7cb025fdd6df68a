import Foundation
import NIOSSL
import PostgresNIO

/// Where and how to connect to PostgreSQL: parsed once from a URL and a password file.
///
/// The password is held redacted: it never appears in `description`, in errors
/// or in logs.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// TLS use, as in libpq's `sslmode` (the subset the driver supports).
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS if the server offers it, else plain TCP.
        case prefer
        /// TLS or fail (the certificate is verified against the system trust roots).
        case require
    }

    /// The server's host name or IP address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The role to log in as.
    public var username: String
    /// The database to connect to.
    public var database: String
    /// TLS use.
    public var sslMode: SSLMode
    /// How long one connection attempt may take.
    public var connectTimeout: Duration = .seconds(5)
    /// The most connections the pool opens.
    public var maximumConnections: Int = 20
    /// More servers after `host:port` (a multi-host URL); see ``servers``.
    public var otherServers: [Server] = []
    /// Which of ``servers`` to use.
    public var targetSessionAttributes: TargetSessionAttributes = .any
    var password: RedactedPassword?

    /// Creates a configuration from its parts.
    public init(
        host: String,
        port: Int = 5432,
        username: String,
        password: String? = nil,
        database: String,
        sslMode: SSLMode = .disable
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password.map(RedactedPassword.init(value:))
        self.database = database
        self.sslMode = sslMode
    }

    /// `host:port/database` (every server of a multi-host configuration), for messages.
    public var endpoint: String { servers.map(\.description).joined(separator: ",") + "/\(database)" }

    /// Whether a password is set (the password itself is not readable from outside).
    public var hasPassword: Bool { password != nil }

    /// The same server and credentials, another database (e.g. the admin database `postgres`).
    public func withDatabase(_ name: String) -> PostgresConfiguration {
        var copy = self
        copy.database = name
        return copy
    }

    public var description: String {
        "postgres://\(username)\(password == nil ? "" : ":<redacted>")@\(endpoint)?sslmode=\(sslMode.rawValue)"
            + (targetSessionAttributes == .any ? "" : "&target_session_attrs=\(targetSessionAttributes.rawValue)")
    }

    /// The pool configuration for PostgresNIO's `PostgresClient`.
    public func makeClientConfiguration() throws -> PostgresClient.Configuration {
        var config = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password?.value,
            database: database, tls: try makeTLS()
        )
        config.options.connectTimeout = connectTimeout
        config.options.maximumConnections = maximumConnections
        return config
    }

    /// The configuration of a single, unpooled `PostgresConnection`.
    public func makeConnectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try makeSSLContext())
        case .require: tls = .require(try makeSSLContext())
        }
        var config = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password?.value,
            database: database, tls: tls
        )
        config.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000
            + connectTimeout.components.attoseconds / 1_000_000_000)
        return config
    }

    private func makeTLS() throws -> PostgresClient.Configuration.TLS {
        switch sslMode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    private func makeSSLContext() throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: .makeClientConfiguration())
        } catch {
            throw PostgresStoreError(
                code: .invalidConfiguration, endpoint: endpoint,
                message: "cannot set up TLS for PostgreSQL at \(host):\(port): \(error)"
            )
        }
    }
}
