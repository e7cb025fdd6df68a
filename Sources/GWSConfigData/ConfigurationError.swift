import GWSStores

/// The error every `ConfigurationRepository` operation throws.
///
/// `code` says what went wrong as a closed set callers switch over (the
/// Configuration role maps it to 404, 409, 400 or 503); `message` is a
/// one-line explanation safe to show to clients (never a password or hash).
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// The object (person, skill, group, DN, place, tenant) does not exist in this tenant.
        case notFound
        /// Another object of the tenant already uses this value of `field` (`userName`, `employeeId`, …).
        case conflict(field: String)
        /// `field` is missing or malformed; `reason` says how.
        case invalid(field: String, reason: String)
        /// PostgreSQL failed (down, slow, or refused the statement).
        case store(PostgresStoreError)
    }

    /// What went wrong.
    public let code: Code
    /// A one-line, client-safe explanation.
    public let message: String

    /// Creates an error; `message` must not contain secrets.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// `what` (e.g. "person 12") does not exist in tenant `tenant`.
    public static func notFound(_ what: String, tenant: String) -> ConfigurationError {
        ConfigurationError(code: .notFound, message: "\(what) not found in tenant \"\(tenant)\"")
    }

    /// Another object of the tenant already uses this `field` value.
    public static func conflict(_ field: String, _ message: String) -> ConfigurationError {
        ConfigurationError(code: .conflict(field: field), message: message)
    }

    /// `field` is invalid because of `reason`.
    public static func invalid(_ field: String, _ reason: String) -> ConfigurationError {
        ConfigurationError(code: .invalid(field: field, reason: reason), message: "invalid \(field): \(reason)")
    }

    /// A store failure, keeping the store's own (password-free) message.
    public static func store(_ error: PostgresStoreError) -> ConfigurationError {
        ConfigurationError(code: .store(error), message: error.message)
    }
}
