#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Decodes RESP2 (and the simple RESP3 types) from a byte stream.
///
/// A frame that has not fully arrived is left in the buffer until more bytes
/// come. Bulk strings longer than ``maximumBulkLength``, aggregates longer than
/// ``maximumElements`` and nesting deeper than ``maximumDepth`` are rejected
/// with a ``RedisError`` of code ``RedisError/Code/protocolViolation``; so is
/// any malformed input. The decoder never traps on input.
public struct RESPDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = RESPValue

    /// The longest bulk string accepted, in bytes (Redis's own default is 512 MiB).
    public var maximumBulkLength: Int
    /// The most elements accepted in one array (or map/set/push).
    public var maximumElements: Int
    /// The deepest nesting of arrays accepted.
    public var maximumDepth: Int
    /// The longest simple line (`+`, `-`, `:` …) accepted, in bytes.
    public var maximumLineLength: Int

    public init(
        maximumBulkLength: Int = 512 * 1024 * 1024, maximumElements: Int = 1 << 24, maximumDepth: Int = 32,
        maximumLineLength: Int = 64 * 1024
    ) {
        self.maximumBulkLength = maximumBulkLength
        self.maximumElements = maximumElements
        self.maximumDepth = maximumDepth
        self.maximumLineLength = maximumLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let value = try parse(&buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(value))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// Reads one complete value from `buffer`, or returns nil (and leaves the
    /// buffer untouched) when the value has not fully arrived.
    public func parse(_ buffer: inout ByteBuffer) throws -> RESPValue? {
        var copy = buffer
        guard let value = try parseValue(&copy, depth: 0) else { return nil }
        buffer = copy
        return value
    }

    private func parseValue(_ buffer: inout ByteBuffer, depth: Int) throws -> RESPValue? {
        guard let type: UInt8 = buffer.readInteger() else { return nil }
        switch type {
        case UInt8(ascii: "+"):
            return try readLine(&buffer).map { .simpleString($0) }
        case UInt8(ascii: "-"):
            return try readLine(&buffer).map { .error($0) }
        case UInt8(ascii: ":"):
            return try readInteger(&buffer).map { .integer($0) }
        case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
            guard let length = try readInteger(&buffer) else { return nil }
            if length == -1 { return .bulkString(nil) }
            guard length >= 0 else { throw violation("negative bulk length \(length)") }
            guard length <= maximumBulkLength else {
                throw violation("bulk string of \(length) bytes exceeds the limit of \(maximumBulkLength)")
            }
            guard buffer.readableBytes >= length + 2 else { return nil }
            var bytes = buffer.readSlice(length: length)!
            guard buffer.readInteger(as: UInt16.self) == 0x0D0A else {
                throw violation("bulk string not terminated by CRLF")
            }
            if type == UInt8(ascii: "!") { return .error(bytes.readString(length: length) ?? "") }
            if type == UInt8(ascii: "="), bytes.readableBytes >= 4 { bytes.moveReaderIndex(forwardBy: 4) }  // "txt:"
            return .bulkString(bytes)
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"):
            guard var count = try readInteger(&buffer) else { return nil }
            if count == -1 { return .array(nil) }
            guard count >= 0 else { throw violation("negative aggregate length \(count)") }
            if type == UInt8(ascii: "%") { count = count.multipliedReportingOverflow(by: 2).partialValue }
            guard count <= maximumElements else {
                throw violation("aggregate of \(count) elements exceeds the limit of \(maximumElements)")
            }
            guard depth < maximumDepth else { throw violation("nesting deeper than \(maximumDepth) levels") }
            var elements: [RESPValue] = []
            elements.reserveCapacity(min(count, 1024))
            for _ in 0..<count {
                guard let element = try parseValue(&buffer, depth: depth + 1) else { return nil }
                elements.append(element)
            }
            return .array(elements)
        case UInt8(ascii: "_"):
            guard try readLine(&buffer) != nil else { return nil }
            return .bulkString(nil)
        case UInt8(ascii: "#"):
            guard let line = try readLine(&buffer) else { return nil }
            switch line {
            case "t": return .integer(1)
            case "f": return .integer(0)
            default: throw violation("invalid boolean \"\(line.prefix(20))\"")
            }
        case UInt8(ascii: ","), UInt8(ascii: "("):
            return try readLine(&buffer).map { .simpleString($0) }
        default:
            throw violation("unknown type byte 0x\(String(type, radix: 16))")
        }
    }

    /// Reads up to CRLF; nil when the CRLF has not arrived yet.
    private func readLine(_ buffer: inout ByteBuffer) throws -> String? {
        guard let length = try lineLength(buffer) else { return nil }
        let line = buffer.readString(length: length)!
        buffer.moveReaderIndex(forwardBy: 2)
        return line
    }

    /// Reads a decimal integer line (`-?[0-9]+` up to CRLF) without making a
    /// String; nil when the CRLF has not arrived yet.
    private func readInteger(_ buffer: inout ByteBuffer) throws -> Int? {
        guard let length = try lineLength(buffer) else { return nil }
        let parsed = buffer.withUnsafeReadableBytes { bytes -> Int? in
            var index = 0
            let negative = length > 1 && bytes[0] == UInt8(ascii: "-")
            if negative { index = 1 }
            guard index < length, length - index <= 18 else { return nil }  // 18 digits cannot overflow
            var value = 0
            while index < length {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                index += 1
            }
            return negative ? -value : value
        }
        guard let parsed else {
            let line = buffer.getString(at: buffer.readerIndex, length: length) ?? ""
            // Rare: longer numbers, or not a number at all.
            guard let value = Int(line) else { throw violation("invalid integer \"\(line.prefix(20))\"") }
            buffer.moveReaderIndex(forwardBy: length + 2)
            return value
        }
        buffer.moveReaderIndex(forwardBy: length + 2)
        return parsed
    }

    /// The length of the line at the reader index, without its CRLF; nil when
    /// the CRLF has not arrived yet.
    private func lineLength(_ buffer: ByteBuffer) throws -> Int? {
        // memchr: fast even in debug builds, where generic collection searches are slow.
        let found = buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, let hit = memchr(base, 0x0D, bytes.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let length = found else {
            if buffer.readableBytes > maximumLineLength { throw violation("line longer than \(maximumLineLength) bytes") }
            return nil
        }
        guard length <= maximumLineLength else { throw violation("line longer than \(maximumLineLength) bytes") }
        guard buffer.readableBytes > length + 1 else { return nil }  // "\n" not here yet
        guard buffer.getInteger(at: buffer.readerIndex + length + 1, as: UInt8.self) == UInt8(ascii: "\n") else {
            throw violation("CR not followed by LF")
        }
        return length
    }

    private func violation(_ message: String) -> RedisError {
        RedisError(.protocolViolation, "invalid RESP from server: \(message)")
    }
}
