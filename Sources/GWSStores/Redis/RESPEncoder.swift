import NIOCore

/// Writes RESP2 frames into a `ByteBuffer`.
///
/// Commands are always sent as an array of bulk strings, which is what the
/// server expects from clients.
public enum RESPEncoder {
    /// Appends `value` in RESP2 form to `buffer`.
    public static func encode(_ value: RESPValue, into buffer: inout ByteBuffer) {
        switch value {
        case .simpleString(let s):
            buffer.writeInteger(UInt8(ascii: "+"))
            buffer.writeString(s)
            writeCRLF(into: &buffer)
        case .error(let s):
            buffer.writeInteger(UInt8(ascii: "-"))
            buffer.writeString(s)
            writeCRLF(into: &buffer)
        case .integer(let i):
            writeHeader(UInt8(ascii: ":"), i, into: &buffer)
        case .bulkString(nil):
            buffer.writeStaticString("$-1\r\n")
        case .bulkString(var bytes?):
            writeHeader(UInt8(ascii: "$"), bytes.readableBytes, into: &buffer)
            buffer.writeBuffer(&bytes)
            writeCRLF(into: &buffer)
        case .array(nil):
            buffer.writeStaticString("*-1\r\n")
        case .array(let values?):
            writeHeader(UInt8(ascii: "*"), values.count, into: &buffer)
            for element in values { encode(element, into: &buffer) }
        }
    }

    /// Appends one command (an array of bulk strings) to `buffer`.
    public static func encodeCommand(_ arguments: [RedisArgument], into buffer: inout ByteBuffer) {
        writeHeader(UInt8(ascii: "*"), arguments.count, into: &buffer)
        for argument in arguments {
            switch argument {
            case .string(let s):
                writeHeader(UInt8(ascii: "$"), s.utf8.count, into: &buffer)
                buffer.writeString(s)
            case .bytes(let bytes):
                writeHeader(UInt8(ascii: "$"), bytes.readableBytes, into: &buffer)
                buffer.writeImmutableBuffer(bytes)
            }
            writeCRLF(into: &buffer)
        }
    }

    /// Appends one command made of strings to `buffer`.
    public static func encodeCommand(_ arguments: [String], into buffer: inout ByteBuffer) {
        writeHeader(UInt8(ascii: "*"), arguments.count, into: &buffer)
        for s in arguments {
            writeHeader(UInt8(ascii: "$"), s.utf8.count, into: &buffer)
            buffer.writeString(s)
            writeCRLF(into: &buffer)
        }
    }

    @inline(__always)
    private static func writeCRLF(into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt16(0x0D0A))  // "\r\n", big endian
    }

    /// Writes `<prefix><decimal>\r\n` without going through string interpolation.
    private static func writeHeader(_ prefix: UInt8, _ value: Int, into buffer: inout ByteBuffer) {
        buffer.writeInteger(prefix)
        if value >= 0 && value < 10 {
            buffer.writeInteger(UInt8(ascii: "0") + UInt8(value))
        } else {
            buffer.writeString(String(value))
        }
        writeCRLF(into: &buffer)
    }
}

/// One argument of a Redis command: text (sent as UTF-8) or raw bytes.
public enum RedisArgument: Sendable, Hashable, ExpressibleByStringLiteral {
    case string(String)
    case bytes(ByteBuffer)

    public init(stringLiteral value: String) { self = .string(value) }
}
