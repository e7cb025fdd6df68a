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
        var size = headerSize(arguments.count)
        for argument in arguments {
            let length: Int
            switch argument {
            case .string(let s): length = s.utf8.count
            case .bytes(let bytes): length = bytes.readableBytes
            }
            size += headerSize(length) + length + 2
        }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { target in
            var at = writeHeader(UInt8(ascii: "*"), arguments.count, to: target, at: 0)
            for argument in arguments {
                switch argument {
                case .string(let s): at = writeBulk(s, to: target, at: at)
                case .bytes(let bytes):
                    at = writeHeader(UInt8(ascii: "$"), bytes.readableBytes, to: target, at: at)
                    at += bytes.withUnsafeReadableBytes { source in
                        UnsafeMutableRawBufferPointer(rebasing: target[at...]).copyMemory(from: source)
                        return source.count
                    }
                    at = writeCRLF(to: target, at: at)
                }
            }
            return at
        }
    }

    /// Appends one command made of strings to `buffer`.
    public static func encodeCommand(_ arguments: [String], into buffer: inout ByteBuffer) {
        // Sized first, then written in one go: a handful of small ByteBuffer
        // writes per argument cost more than the command's bytes.
        var size = headerSize(arguments.count)
        for s in arguments {
            let length = s.utf8.count
            size += headerSize(length) + length + 2
        }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { target in
            var at = writeHeader(UInt8(ascii: "*"), arguments.count, to: target, at: 0)
            for s in arguments { at = writeBulk(s, to: target, at: at) }
            return at
        }
    }

    /// The bytes of `<prefix><decimal>\r\n` for a non-negative `value`.
    @inline(__always)
    private static func headerSize(_ value: Int) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return 1 + digits + 2
    }

    /// Writes `<prefix><decimal>\r\n` at `offset`; returns the offset after it.
    @inline(__always)
    private static func writeHeader(
        _ prefix: UInt8, _ value: Int, to target: UnsafeMutableRawBufferPointer, at offset: Int
    ) -> Int {
        let end = offset + headerSize(value)
        target[offset] = prefix
        var rest = value
        var i = end - 3
        repeat {
            target[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            i -= 1
        } while i > offset
        return writeCRLF(to: target, at: end - 2)
    }

    /// Writes `$<length>\r\n<utf8>\r\n` at `offset`; returns the offset after it.
    @inline(__always)
    private static func writeBulk(_ string: String, to target: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var string = string
        return string.withUTF8 { utf8 in
            var at = writeHeader(UInt8(ascii: "$"), utf8.count, to: target, at: offset)
            UnsafeMutableRawBufferPointer(rebasing: target[at...]).copyMemory(from: UnsafeRawBufferPointer(utf8))
            at += utf8.count
            return writeCRLF(to: target, at: at)
        }
    }

    @inline(__always)
    private static func writeCRLF(to target: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        target[offset] = UInt8(ascii: "\r")
        target[offset + 1] = UInt8(ascii: "\n")
        return offset + 2
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
