extension Value {
    /// Canonical JSON text for this value.
    ///
    /// Integers are written as integers, doubles in their shortest form that reads back to the same
    /// double (`1.5`, `2.0`, `1e-05`); a double that is not finite has no JSON form and is written as
    /// `null`. Strings are escaped per RFC 8259 (non-ASCII characters are kept as they are).
    /// Keys are sorted (by Unicode scalars) unless `sortedKeys` is `false`.
    /// `pretty` indents with two spaces and puts one entry per line.
    public func jsonString(pretty: Bool = false, sortedKeys: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty, sortedKeys: sortedKeys)
        writer.write(self, depth: 0)
        return writer.output
    }

    /// Parses a JSON text (RFC 8259). Numbers without a fraction or exponent become `.int`
    /// (or `.double` when they do not fit); others become `.double`. A key that repeats within one
    /// object is an error.
    public init(json: String) throws(ValuesError) {
        var parser = JSONValueParser(text: json)
        self = try parser.parseDocument()
    }
}

/// Writes ``Value``s as JSON text.
struct JSONWriter {
    let pretty: Bool
    let sortedKeys: Bool
    private(set) var output = ""

    init(pretty: Bool, sortedKeys: Bool) {
        self.pretty = pretty
        self.sortedKeys = sortedKeys
    }

    mutating func write(_ value: Value, depth: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += Self.format(number)
        case .string(let text): Self.appendEscaped(text, to: &output)
        case .list(let items):
            writeContainer(open: "[", close: "]", count: items.count, depth: depth) { writer, index in
                writer.write(items[index], depth: depth + 1)
            }
        case .map(let entries):
            let keys = sortedKeys ? entries.keys.sorted(by: Self.scalarOrder) : Array(entries.keys)
            writeContainer(open: "{", close: "}", count: keys.count, depth: depth) { writer, index in
                Self.appendEscaped(keys[index], to: &writer.output)
                writer.output += writer.pretty ? ": " : ":"
                writer.write(entries[keys[index]] ?? .null, depth: depth + 1)
            }
        }
    }

    private mutating func writeContainer(
        open: String, close: String, count: Int, depth: Int,
        element: (inout JSONWriter, Int) -> Void
    ) {
        output += open
        guard count > 0 else {
            output += close
            return
        }
        for index in 0..<count {
            if index > 0 { output += "," }
            if pretty { newline(depth: depth + 1) }
            element(&self, index)
        }
        if pretty { newline(depth: depth) }
        output += close
    }

    private mutating func newline(depth: Int) {
        output += "\n"
        output += String(repeating: "  ", count: depth)
    }

    /// Orders keys by their Unicode scalar values, independent of locale.
    static func scalarOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }

    /// The shortest text that reads back as `number` (Swift's `description`), or `null`.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        return number.description
    }

    /// Appends `text` as a JSON string literal, quotes included.
    static func appendEscaped(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
