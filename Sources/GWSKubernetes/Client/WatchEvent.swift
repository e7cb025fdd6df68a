import GWSSpec

/// One line of a watch stream: `{"type": "ADDED", "object": {...}}`.
public struct WatchEvent: Sendable, Equatable {
    public enum EventType: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        /// Only `metadata.resourceVersion` is meaningful: the stream is up to date to there.
        case bookmark = "BOOKMARK"
        /// The object is a `Status` (410 when the resourceVersion is too old).
        case error = "ERROR"
    }

    public var type: EventType
    public var object: Value

    public init(type: EventType, object: Value) {
        self.type = type
        self.object = object
    }

    /// Parses one line; nil for a line that is not a watch event.
    public init?(line: String) {
        guard let value = try? Value(json: line), let typeName = value["type"]?.stringValue,
            let type = EventType(rawValue: typeName), let object = value["object"]
        else { return nil }
        self.init(type: type, object: object)
    }

    /// The HTTP-like code of an ERROR event's `Status` (410 for "too old resource version").
    public var errorCode: Int? {
        guard type == .error else { return nil }
        return object["code"]?.intValue
    }
}

/// Splits a byte stream into newline-terminated lines, across chunk
/// boundaries (the API server writes one JSON object per line).
public struct WatchLineSplitter: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// The complete lines `chunk` finishes (without their newline); a partial
    /// last line waits for the next chunk.
    public mutating func append(_ chunk: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// What is left when the stream ends (a last line without a newline).
    public mutating func finish() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
