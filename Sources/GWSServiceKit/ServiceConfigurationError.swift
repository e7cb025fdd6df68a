/// A setting in the environment that cannot be used, with the variable that holds it.
public struct ServiceConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable (`GWS_PORT`).
    public let key: String
    /// The value found.
    public let value: String
    /// Why it was rejected.
    public let reason: String

    public init(key: String, value: String, reason: String) {
        self.key = key
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(key)=\(value): \(reason)" }
}
