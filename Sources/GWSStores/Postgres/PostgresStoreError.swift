/// The error every PostgreSQL helper in this module throws at its edge.
///
/// The message names the server (`host:port`) and the database, and never the
/// password; it carries no stack trace and no bound query parameters.
public struct PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a closed set callers can switch over.
    public enum Code: Sendable, Hashable {
        /// The URL, password file or another input was invalid.
        case invalidConfiguration
        /// No connection could be made (refused, reset, DNS, closed by the server).
        case unreachable
        /// The server rejected the user name or the password.
        case authenticationFailed
        /// The server answered with an error; `sqlState` is its SQLSTATE code when it sent one.
        case queryFailed(sqlState: String?)
        /// No answer (or no connection) within the allotted time.
        case timeout
        /// A migration failed and was rolled back.
        case migrationFailed(service: String, version: Int)
        /// An applied migration's SQL differs from the one recorded.
        case migrationChecksumMismatch(service: String, version: Int)
    }

    /// What went wrong.
    public let code: Code
    /// `host:port/database` of the server concerned, when one is.
    public let endpoint: String?
    /// A one-line, human-readable explanation (never contains the password).
    public let message: String

    /// Creates an error; `message` must not contain secrets.
    public init(code: Code, endpoint: String?, message: String) {
        self.code = code
        self.endpoint = endpoint
        self.message = message
    }

    /// The SQLSTATE of a `queryFailed` error, else `nil`.
    public var sqlState: String? {
        if case .queryFailed(let state) = code { return state }
        return nil
    }

    public var description: String { message }
}
