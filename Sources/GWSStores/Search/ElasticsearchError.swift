/// An Elasticsearch call that failed. `code` says how; the message names the
/// server's URL and, for an error status, the server's own error `type` and
/// `reason`. Messages never contain credentials.
public struct ElasticsearchError: Error, Sendable, CustomStringConvertible {
    /// How a call failed.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unreachable, httpStatus, decoding, passwordFile, bulkItems
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server could not be reached (refused, timed out, name unknown).
        public static let unreachable = Code(.unreachable)
        /// The server answered with an error status.
        public static let httpStatus = Code(.httpStatus)
        /// The server's answer could not be decoded into the expected shape.
        public static let decoding = Code(.decoding)
        /// The configured password file could not be read.
        public static let passwordFile = Code(.passwordFile)
        /// A bulk request succeeded but some of its items failed.
        public static let bulkItems = Code(.bulkItems)

        public var description: String { base.rawValue }
    }

    /// How the call failed.
    public let code: Code
    /// The server's base URL (credentials redacted).
    public let url: String
    /// The HTTP status for `.httpStatus`, else `nil`.
    public let status: Int?
    /// The server's error `type`, such as `index_not_found_exception`, when it sent one.
    public let type: String?
    /// The server's error `reason`, such as `no such index [x]`, when it sent one.
    public let reason: String?
    /// The whole explanation.
    public let message: String

    init(code: Code, url: String, status: Int? = nil, type: String? = nil, reason: String? = nil, message: String) {
        self.code = code
        self.url = url
        self.status = status
        self.type = type
        self.reason = reason
        self.message = message
    }

    public var description: String { "ElasticsearchError.\(code): \(message)" }
}
