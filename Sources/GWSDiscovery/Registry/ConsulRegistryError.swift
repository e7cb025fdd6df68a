/// Why the embedded registry refused a request; the HTTP API maps it to Consul's status codes.
public struct ConsulRegistryError: Error, CustomStringConvertible, Hashable {
    enum Code: Hashable {
        /// The request was malformed (HTTP 400).
        case badRequest
        /// The service or check does not exist (HTTP 404).
        case notFound
        /// The request is valid but cannot be done (HTTP 500, as Consul answers).
        case failed
    }

    let code: Code
    /// A plain-text message, in Consul's wording where Consul has one.
    public let message: String

    public var description: String { message }

    /// Whether the error says a service or check id is unknown.
    public var isNotFound: Bool { code == .notFound }
    /// Whether the error says the request was malformed.
    public var isBadRequest: Bool { code == .badRequest }

    static func badRequest(_ message: String) -> Self { .init(code: .badRequest, message: message) }
    static func notFound(_ message: String) -> Self { .init(code: .notFound, message: message) }
    static func failed(_ message: String) -> Self { .init(code: .failed, message: message) }
}
