/// YAML 1.2 core schema tag resolution for plain (unquoted) scalars, written without regular
/// expressions.
///
/// - `null`, `Null`, `NULL`, `~` and the empty scalar → `.null`
/// - `true`/`True`/`TRUE`, `false`/`False`/`FALSE` → `.bool`
/// - `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` → `.int` (`.double` when too large for `Int`)
/// - `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf`, `.nan` → `.double`
/// - anything else → `.string`
///
/// YAML 1.1 forms such as `yes`, `on`, `0755` octal or `1_000` are plain strings or decimals here.
enum YAMLCoreSchema {
    static func resolve(plain text: String) -> Value {
        if let value = null(text) ?? bool(text) ?? int(text) ?? double(text) { return value }
        return .string(text)
    }

    static func null(_ text: String) -> Value? {
        ["", "~", "null", "Null", "NULL"].contains(text) ? .null : nil
    }

    static func bool(_ text: String) -> Value? {
        switch text {
        case "true", "True", "TRUE": .bool(true)
        case "false", "False", "FALSE": .bool(false)
        default: nil
        }
    }

    static func int(_ text: String) -> Value? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let digits = String(decoding: bytes[2...], as: UTF8.self)
            switch bytes[1] {
            case UInt8(ascii: "o"):
                guard digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }) else { return nil }
                return Int(digits, radix: 8).map(Value.int) ?? wideValue(digits, radix: 8)
            case UInt8(ascii: "x"):
                guard digits.utf8.allSatisfy(isHexDigit) else { return nil }
                return Int(digits, radix: 16).map(Value.int) ?? wideValue(digits, radix: 16)
            default:
                break
            }
        }
        var digits = bytes[...]
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(isDecimalDigit) else { return nil }
        if let number = Int(text) { return .int(number) }
        return Double(text).map(Value.double)
    }

    static func double(_ text: String) -> Value? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        guard isCoreFloat(Array(text.utf8)[...]) else { return nil }
        // Swift's parser accepts the core forms ".5" and "5." as they are.
        return Double(text).map(Value.double)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isCoreFloat(_ input: ArraySlice<UInt8>) -> Bool {
        var rest = input
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let integerDigits = rest.prefix(while: isDecimalDigit).count
        rest = rest.dropFirst(integerDigits)
        var fractionDigits = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: isDecimalDigit).count
            rest = rest.dropFirst(fractionDigits)
        }
        guard integerDigits > 0 || fractionDigits > 0 else { return false }
        if let marker = rest.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
            let exponentDigits = rest.prefix(while: isDecimalDigit).count
            guard exponentDigits > 0 else { return false }
            rest = rest.dropFirst(exponentDigits)
        }
        return rest.isEmpty
    }

    /// An octal or hexadecimal integer too large for `Int`, as a double.
    private static func wideValue(_ digits: String, radix: Int) -> Value {
        .double(digits.utf8.reduce(0.0) { total, byte in
            total * Double(radix) + Double(hexDigitValue(byte))
        })
    }

    private static func hexDigitValue(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        default: Int(byte - UInt8(ascii: "A")) + 10
        }
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDecimalDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
