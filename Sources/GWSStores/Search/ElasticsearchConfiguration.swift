import Foundation

/// Where an Elasticsearch (or OpenSearch-compatible) server is and how to log in.
///
/// Basic authentication is used when `passwordFile` is set: the password is read
/// from that file (one trailing newline trimmed) when a client is made, and never
/// kept in this value, so printing or logging a configuration cannot leak it.
public struct ElasticsearchConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The user name sent with the password when no other is given.
    public static let defaultUsername = "elastic"

    /// The base URL, such as `http://127.0.0.1:9200`, without a trailing slash.
    public var url: String
    /// A file holding the password; `nil` for no authentication.
    public var passwordFile: String?
    /// The user name for basic authentication (`elastic` when a password is given without one).
    public var username: String?
    /// How long one request may take, connection included.
    public var requestTimeout: Duration

    /// - Parameters:
    ///   - url: the server's base URL; one trailing `/` is dropped.
    ///   - passwordFile: a file holding the password; `nil` for no authentication.
    ///   - username: the user for basic authentication (default `elastic`).
    public init(url: String, passwordFile: String?, username: String? = nil) {
        var url = url.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        self.url = url
        self.passwordFile = passwordFile
        self.username = username
        self.requestTimeout = .seconds(30)
    }

    /// `url` with any `user:password@` part replaced by `***@`: safe for errors and logs.
    public var redactedURL: String {
        guard let scheme = url.range(of: "://"),
            let at = url[scheme.upperBound...].firstIndex(of: "@"),
            !url[scheme.upperBound..<at].contains("/")
        else { return url }
        return url[..<scheme.upperBound] + "***" + url[at...]
    }

    public var description: String {
        var parts = ["url: \(redactedURL)"]
        if let passwordFile {
            parts.append("username: \(username ?? Self.defaultUsername)")
            parts.append("passwordFile: \(passwordFile)")
        }
        return "ElasticsearchConfiguration(\(parts.joined(separator: ", ")))"
    }

    /// The `Authorization` header value, reading the password file now;
    /// `nil` when no password file is configured.
    func authorizationHeader() throws(ElasticsearchError) -> Secret? {
        guard let passwordFile else { return nil }
        let password: String
        do {
            password = try String(contentsOfFile: passwordFile, encoding: .utf8)
        } catch {
            throw ElasticsearchError(
                code: .passwordFile, url: redactedURL,
                message: "cannot read the Elasticsearch password file \(passwordFile)")
        }
        var trimmed = Substring(password)
        if trimmed.hasSuffix("\r\n") {
            trimmed.removeLast(2)
        } else if trimmed.hasSuffix("\n") {
            trimmed.removeLast()
        }
        let credentials = "\(username ?? Self.defaultUsername):\(trimmed)"
        return Secret("Basic " + Data(credentials.utf8).base64EncodedString())
    }
}
