/// Why a ``ConsulClient`` call failed. Its description names the URL it called.
public struct ConsulError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case unreachable(String)
        case httpStatus(Int, body: String)
        case decoding(String)
        case invalidURL
    }

    private let code: Code
    /// The URL that was called.
    public let url: String

    private init(_ code: Code, url: String) {
        self.code = code
        self.url = url
    }

    /// No answer: connection refused, timed out, reset, or name not resolved.
    static func unreachable(_ url: String, _ error: any Error) -> Self { .init(.unreachable("\(error)"), url: url) }
    /// Consul answered with a non-2xx status.
    static func httpStatus(_ url: String, _ status: Int, body: String) -> Self {
        .init(.httpStatus(status, body: body), url: url)
    }
    /// Consul's answer could not be decoded.
    static func decoding(_ url: String, _ message: String) -> Self { .init(.decoding(message), url: url) }
    /// The base URL and path do not form a URL.
    static func invalidURL(_ url: String) -> Self { .init(.invalidURL, url: url) }

    /// Whether Consul could not be reached at all.
    public var isUnreachable: Bool {
        if case .unreachable = code { return true }
        return false
    }

    /// The HTTP status Consul answered, when it answered with an error status.
    public var statusCode: Int? {
        if case .httpStatus(let status, _) = code { return status }
        return nil
    }

    /// The body of Consul's error answer (its message), when it answered with an error status.
    public var responseBody: String? {
        if case .httpStatus(_, let body) = code { return body }
        return nil
    }

    public var description: String {
        switch code {
        case .unreachable(let reason):
            "Consul unreachable at \(url): \(reason)"
        case .httpStatus(let status, let body):
            "Consul answered HTTP \(status) for \(url): \(body.trimmingWhitespace())"
        case .decoding(let message):
            "Cannot decode Consul's answer from \(url): \(message)"
        case .invalidURL:
            "Invalid Consul URL \(url)"
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
