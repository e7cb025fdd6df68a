import GWSSpec

/// A request the API server refused, with its `Status` (reason and message).
public struct KubernetesAPIError: Error, Sendable, CustomStringConvertible {
    /// The kind of refusal, from the HTTP status.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case badRequest, unauthorized, forbidden, notFound, conflict, gone, invalid, tooManyRequests, server, other
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let badRequest = Code(.badRequest)
        public static let unauthorized = Code(.unauthorized)
        public static let forbidden = Code(.forbidden)
        public static let notFound = Code(.notFound)
        /// 409: a resourceVersion precondition failed, or the object already exists.
        public static let conflict = Code(.conflict)
        /// 410: the resourceVersion is older than the server keeps (relist).
        public static let gone = Code(.gone)
        /// 422: the object does not pass validation.
        public static let invalid = Code(.invalid)
        public static let tooManyRequests = Code(.tooManyRequests)
        public static let server = Code(.server)
        public static let other = Code(.other)

        public init(httpStatus: Int) {
            switch httpStatus {
            case 400: self = .badRequest
            case 401: self = .unauthorized
            case 403: self = .forbidden
            case 404: self = .notFound
            case 409: self = .conflict
            case 410: self = .gone
            case 422: self = .invalid
            case 429: self = .tooManyRequests
            case 500...599: self = .server
            default: self = .other
            }
        }

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var httpStatus: Int
    /// `Status.reason` (`Conflict`, `NotFound`, `Expired`, `Invalid`…).
    public var reason: String
    /// `Status.message`, what the server said.
    public var message: String
    public var method: String
    public var path: String

    public init(httpStatus: Int, reason: String, message: String, method: String, path: String) {
        self.code = Code(httpStatus: httpStatus)
        self.httpStatus = httpStatus
        self.reason = reason
        self.message = message
        self.method = method
        self.path = path
    }

    /// From a response's status and body (a `Status` object when the server sent one).
    public init(httpStatus: Int, body: Value?, method: String, path: String) {
        let status = body?["kind"]?.stringValue == "Status" ? body : nil
        self.init(
            httpStatus: status?["code"]?.intValue ?? httpStatus,
            reason: status?["reason"]?.stringValue ?? "",
            message: status?["message"]?.stringValue ?? "HTTP \(httpStatus)",
            method: method, path: path)
    }

    public var description: String {
        "\(method) \(path): \(httpStatus) \(reason.isEmpty ? code.description : reason): \(message)"
    }
}

/// The client could not be configured (no in-cluster environment, an unusable kubeconfig).
public struct KubernetesConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
