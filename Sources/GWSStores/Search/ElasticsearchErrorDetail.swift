import Foundation

/// The `error` part of an Elasticsearch answer: `{"error": {"type", "reason"}}`,
/// or a bare string from older servers and proxies, or plain text.
public struct ElasticsearchErrorDetail: Sendable, Hashable {
    /// The error type, such as `index_not_found_exception`.
    public let type: String?
    /// The human-readable reason, such as `no such index [x]`.
    public let reason: String?

    public init(type: String?, reason: String?) {
        self.type = type
        self.reason = reason
    }

    /// Reads the detail from an `error` value (an object or a string).
    init(error: JSONValue) {
        if let text = error.stringValue {
            self.init(type: nil, reason: text)
        } else {
            self.init(type: error["type"]?.stringValue, reason: error["reason"]?.stringValue)
        }
    }

    /// Reads the detail from a whole answer body; a short non-JSON body becomes the reason.
    init(body: Data) {
        if let value = try? JSONDecoder().decode(JSONValue.self, from: body), let error = value["error"] {
            self.init(error: error)
        } else {
            let text = String(decoding: body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            self.init(type: nil, reason: text.isEmpty ? nil : text)
        }
    }

    /// `type: reason`, or whichever of the two is there.
    public var summary: String? {
        switch (type, reason) {
        case (let type?, let reason?): return "\(type): \(reason)"
        case (let type?, nil): return type
        case (nil, let reason?): return reason
        case (nil, nil): return nil
        }
    }
}
