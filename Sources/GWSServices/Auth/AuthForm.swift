import Foundation
import Hummingbird

/// Reads the token endpoint's input: the `application/x-www-form-urlencoded`
/// body and the client credentials of `Authorization: Basic`.
enum AuthForm {
    /// Largest form body accepted.
    static let maximumSize = 64 * 1024

    /// The form fields; a repeated field is an `invalid_request` (RFC 6749 §3.2).
    static func fields(of request: Request) async throws -> [String: String] {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw AuthOAuthError.invalidRequest("the body must be application/x-www-form-urlencoded")
        }
        let buffer = try await request.body.collect(upTo: maximumSize)
        return try parse(String(buffer: buffer))
    }

    /// Parses `a=1&b=2` with `+` as space and percent-escapes.
    static func parse(_ text: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw AuthOAuthError.invalidRequest("the form body is not correctly encoded")
            }
            guard fields[name] == nil else { throw AuthOAuthError.invalidRequest("the parameter \(name) is repeated") }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The client id and secret of `Authorization: Basic` (RFC 6749 §2.3.1), or nil without one.
    static func basicCredentials(of request: Request) throws -> (id: String, secret: String)? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"),
              let id = String(text[..<colon]).removingPercentEncoding,
              let secret = String(text[text.index(after: colon)...]).removingPercentEncoding
        else { throw AuthOAuthError.invalidClient("the client credentials are malformed") }
        return (id, secret)
    }
}
