import NIOCore

/// One value of the Redis serialization protocol (RESP2).
///
/// RESP3 replies are folded into these five cases by ``RESPDecoder``:
/// null (`_`) becomes `.bulkString(nil)`, booleans become `.integer(1/0)`,
/// doubles and big numbers become `.simpleString`, maps, sets and pushes
/// become flat arrays, blob errors become `.error`, verbatim strings become
/// `.bulkString`.
public enum RESPValue: Sendable, Hashable {
    /// `+OK\r\n`
    case simpleString(String)
    /// `-ERR message\r\n`: the server's message, verbatim.
    case error(String)
    /// `:42\r\n`
    case integer(Int)
    /// `$3\r\nfoo\r\n`, or `$-1\r\n` (nil) for a null bulk string.
    case bulkString(ByteBuffer?)
    /// `*2\r\n…`, or `*-1\r\n` (nil) for a null array.
    case array([RESPValue]?)
}

extension RESPValue {
    /// Creates a bulk string holding the UTF-8 bytes of `string`.
    public static func bulkString(_ string: String) -> RESPValue {
        .bulkString(ByteBuffer(string: string))
    }

    /// The value as text: simple strings, bulk strings (UTF-8) and integers; nil otherwise.
    public var string: String? {
        switch self {
        case .simpleString(let s): return s
        case .bulkString(let buffer?): return String(buffer: buffer)
        case .integer(let i): return String(i)
        default: return nil
        }
    }

    /// The value as an integer: integers, and strings that parse as one.
    public var int: Int? {
        switch self {
        case .integer(let i): return i
        case .simpleString(let s): return Int(s)
        case .bulkString(let buffer?): return Int(String(buffer: buffer))
        default: return nil
        }
    }

    /// The bytes of a bulk string; nil for anything else and for the null bulk string.
    public var bytes: ByteBuffer? {
        if case .bulkString(let buffer?) = self { return buffer }
        return nil
    }

    /// The elements of a (non-null) array.
    public var array: [RESPValue]? {
        if case .array(let values?) = self { return values }
        return nil
    }

    /// True for the null bulk string and the null array.
    public var isNull: Bool {
        switch self {
        case .bulkString(nil), .array(nil): return true
        default: return false
        }
    }
}

extension RESPValue: CustomStringConvertible {
    /// A short, human-readable rendering (bulk strings shown as text when they are UTF-8).
    public var description: String {
        switch self {
        case .simpleString(let s): return "+\(s)"
        case .error(let s): return "-\(s)"
        case .integer(let i): return ":\(i)"
        case .bulkString(nil): return "(nil)"
        case .bulkString(let buffer?): return "\"\(String(buffer: buffer))\""
        case .array(nil): return "(nil array)"
        case .array(let values?): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
