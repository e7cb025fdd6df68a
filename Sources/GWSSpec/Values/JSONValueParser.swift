/// A small strict JSON (RFC 8259) parser producing ``Value``s.
///
/// Written by hand so that integers stay `.int`, `1.5` is `.double` and `true` is `.bool`,
/// whatever Foundation's number bridging would do on the platform.
struct JSONValueParser {
    private let bytes: [UInt8]
    private var position = 0
    private static let maximumDepth = 512

    init(text: String) {
        bytes = Array(text.utf8)
    }

    mutating func parseDocument() throws(ValuesError) -> Value {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected \(describeCurrent()) after the JSON value") }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(ValuesError) -> Value {
        guard depth < Self.maximumDepth else { throw failure("nesting is deeper than \(Self.maximumDepth) levels") }
        guard let byte = peek() else { throw failure("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func parseObject(depth: Int) throws(ValuesError) -> Value {
        position += 1
        var entries: [String: Value] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .map(entries)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("unexpected \(describeCurrent()), expected a key string") }
            let keyStart = position
            let key = try parseString()
            guard entries[key] == nil else {
                position = keyStart
                throw failure("duplicate key \(ValuesError.quoted(key))")
            }
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            entries[key] = try parseValue(depth: depth + 1)
            skipWhitespace()
            if try endOfContainer(close: "}") { return .map(entries) }
        }
    }

    private mutating func parseArray(depth: Int) throws(ValuesError) -> Value {
        position += 1
        var items: [Value] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if try endOfContainer(close: "]") { return .list(items) }
        }
    }

    /// Consumes `,` (returns false) or `close` (returns true).
    private mutating func endOfContainer(close: Unicode.Scalar) throws(ValuesError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            return false
        case UInt8(ascii: close):
            position += 1
            return true
        default:
            throw failure("unexpected \(describeCurrent()), expected \",\" or \"\(close)\"")
        }
    }

    private mutating func parseNumber() throws(ValuesError) -> Value {
        let start = position
        var isInteger = true
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else { throw failure("invalid number: expected a digit") }
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) { throw failure("invalid number: leading zeros are not allowed") }
        } else {
            skipDigits()
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let next = peek(), isDigit(next) else { throw failure("invalid number: expected a digit after \".\"") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let next = peek(), isDigit(next) else { throw failure("invalid number: expected a digit in the exponent") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let number = Int(text) { return .int(number) }
        guard let number = Double(text) else { throw failure("invalid number \(text)") }
        return .double(number)
    }

    private mutating func parseString() throws(ValuesError) -> String {
        position += 1
        var buffer: [UInt8] = []
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0..<0x20:
                position -= 1
                throw failure("control characters must be escaped in strings")
            default:
                buffer.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(ValuesError) {
        guard let byte = peek() else { throw failure("unterminated string") }
        position += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
            UInt8(ascii: "/"): UInt8(ascii: "/"), UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            buffer.append(replacement)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            position -= 2
            throw failure("invalid escape sequence")
        }
        var code = try parseHex4()
        if (0xD800..<0xDC00).contains(code) {
            guard peek() == UInt8(ascii: "\\"), peek(offset: 1) == UInt8(ascii: "u") else {
                throw failure("unpaired UTF-16 surrogate in \\u escape")
            }
            position += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired UTF-16 surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(code) {
            throw failure("unpaired UTF-16 surrogate in \\u escape")
        }
        guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func parseHex4() throws(ValuesError) -> UInt32 {
        guard position + 4 <= bytes.count,
              let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
              bytes[position..<position + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
        else { throw failure("invalid \\u escape: expected four hexadecimal digits") }
        position += 4
        return code
    }

    // MARK: Helpers

    private func peek(offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { position += 1 }
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(ValuesError) {
        guard peek() == UInt8(ascii: character) else {
            throw failure("unexpected \(describeCurrent()), expected \"\(character)\"")
        }
        position += 1
    }

    private mutating func expectLiteral(_ literal: String) throws(ValuesError) {
        let start = position
        for byte in literal.utf8 {
            guard peek() == byte else {
                position = start
                throw failure("invalid literal, expected \(literal)")
            }
            position += 1
        }
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of input" }
        let tail = String(decoding: bytes[position...].prefix(4), as: UTF8.self)
        guard let character = tail.first else { return "byte" }
        return ValuesError.quoted(String(character))
    }

    /// An error located at the current position (1-based line and column, in characters).
    private func failure(_ message: String) -> ValuesError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(position, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let prefix = bytes[lineStart..<min(position, bytes.count)]
        let column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
        return .malformedJSON(line: line, column: column, message: message)
    }
}
