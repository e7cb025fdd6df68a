/// Parses Helm `--set` / `--set-string` expressions (Helm's `strvals` syntax) into a ``Value``.
///
/// Supported forms, as in Helm:
/// - `a.b=c`, several assignments separated by commas: `a=1,b=2`
/// - lists: `a={x,y,z}`; indexes: `a[0].b=x`, `a[1]=y` (missing elements are padded with `null`),
///   nested indexes `a[0][1]=z`
/// - escapes: a backslash makes the next character literal (`\,` `\.` `\=` `\[` `\\`)
/// - `a=` sets the empty string; `a=null` sets `null`, which removes the key when merged
///
/// With type inference (`--set`), `true`/`false` (any case) are booleans, `null` is null, and a
/// decimal integer that fits in `Int` and does not start with `0` (except `0` itself) is an
/// integer; everything else, `1.5` included, is a string. Without it (`--set-string`) every value
/// is a string.
///
/// Where Helm silently accepts or drops malformed input this parser reports it instead:
/// an empty key (`=x`, `a..b=x`, `a=1,,b=2`), a key without a value (`a`, `a[0]`, `a.`), text after
/// a list's closing brace other than `,`, a trailing lone backslash, and setting a key inside
/// something that is not a map (`a=1,a.b=2`). `a={}` is an empty list (Helm gives `[""]`).
public enum HelmSetParser {
    /// The largest list index accepted, as in Helm.
    public static let maximumIndex = 65536
    /// The deepest nesting of keys and indexes accepted.
    public static let maximumNestingLevel = 30

    /// Parses `expression` and stores its assignments into `base` (left to right, later ones win).
    ///
    /// - Parameters:
    ///   - expression: One `--set` argument, such as `image.tag=1.2,replicas=3`.
    ///   - base: The values to set into; a map (or `null`, read as an empty map).
    ///   - typeInference: `true` for `--set`, `false` for `--set-string`.
    public static func parse(
        _ expression: String, into base: Value = .map([:]), typeInference: Bool = true
    ) throws(ValuesError) -> Value {
        var data: [String: Value]
        switch base {
        case .map(let entries): data = entries
        case .null: data = [:]
        default:
            throw .badSetExpression(expression: expression, message: "the values to set into are a \(base.typeName), not a map")
        }
        var parser = StrvalsParser(expression: expression, typeInference: typeInference)
        while !parser.atEnd {
            try parser.assignment(into: &data, prefix: "", level: 0)
        }
        return .map(data)
    }

    /// Helm's `typedVal`: the value `text` stands for in a `--set` expression.
    public static func typedValue(_ text: String, typeInference: Bool = true) -> Value {
        guard typeInference, let first = text.first else { return .string(text) }
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "0": return .int(0)
        default: break
        }
        if first != "0", let number = Int(text) { return .int(number) }
        return .string(text)
    }
}

/// The recursive-descent reader behind ``HelmSetParser``, mirroring Helm's `strvals` parser.
struct StrvalsParser {
    let expression: String
    let typeInference: Bool
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(expression: String, typeInference: Bool) {
        self.expression = expression
        self.typeInference = typeInference
        scalars = Array(expression.unicodeScalars)
    }

    var atEnd: Bool { position >= scalars.count }

    /// Reads one `name…=value` assignment (through its trailing comma) into `data`.
    mutating func assignment(into data: inout [String: Value], prefix: String, level: Int) throws(ValuesError) {
        let (name, stop) = try read(until: ["=", "[", ",", "."])
        let path = prefix.isEmpty ? name : "\(prefix).\(name)"
        guard let stop else { throw fail("key \(q(path)) has no value") }
        guard !name.isEmpty else { throw fail("missing key name before \(q(String(stop)))" + near(prefix)) }
        switch stop {
        case "=":
            data[name] = try readValue(for: path)
        case "[":
            let index = try readIndex(for: path)
            var list: [Value]
            switch data[name] {
            case nil, .null?: list = []
            case .list(let items)?: list = items
            case let other?: throw fail("key \(q(path)) is already \(article(other.typeName)); it cannot also be a list")
            }
            try item(of: &list, at: index, path: "\(path)[\(index)]", level: level + 1)
            data[name] = .list(list)
        case ",":
            throw fail("key \(q(path)) has no value")
        default: // "."
            var inner: [String: Value]
            switch data[name] {
            case nil, .null?: inner = [:]
            case .map(let entries)?: inner = entries
            case let other?: throw fail("key \(q(path)) is already \(article(other.typeName)); it cannot also be a map")
            }
            try checkLevel(level + 1, path: path)
            try assignment(into: &inner, prefix: path, level: level + 1)
            data[name] = .map(inner)
        }
    }

    /// Reads what follows `name[index]`: `=value`, `[next]…` or `.key…`.
    private mutating func item(of list: inout [Value], at index: Int, path: String, level: Int) throws(ValuesError) {
        try checkLevel(level, path: path)
        let (rest, stop) = try read(until: ["[", ".", "="])
        guard rest.isEmpty else { throw fail("unexpected \(q(rest)) after \"]\" in key \(q(path))") }
        guard let stop else { throw fail("key \(q(path)) has no value") }
        var element: Value = index < list.count ? list[index] : .null
        switch stop {
        case "=":
            element = try readValue(for: path)
        case "[":
            let next = try readIndex(for: path)
            var inner: [Value]
            switch element {
            case .null: inner = []
            case .list(let items): inner = items
            default: throw fail("key \(q(path)) is already \(article(element.typeName)); it cannot also be a list")
            }
            try item(of: &inner, at: next, path: "\(path)[\(next)]", level: level + 1)
            element = .list(inner)
        default: // "." — like Helm, an element of another kind is replaced by a map.
            var inner = element.mapValue ?? [:]
            try assignment(into: &inner, prefix: path, level: level + 1)
            element = .map(inner)
        }
        if list.count <= index {
            list.append(contentsOf: repeatElement(Value.null, count: index + 1 - list.count))
        }
        list[index] = element
    }

    /// Reads the value after `=`: a `{…}` list or a scalar up to the next unescaped comma.
    private mutating func readValue(for path: String) throws(ValuesError) -> Value {
        guard !atEnd else { return .string("") }
        guard scalars[position] == "{" else {
            let (text, _) = try read(until: [","])
            return HelmSetParser.typedValue(text, typeInference: typeInference)
        }
        position += 1
        var items: [Value] = []
        if !atEnd, scalars[position] == "}" {
            position += 1
        } else {
            while true {
                let (text, stop) = try read(until: [",", "}"])
                guard let stop else { throw fail("the list for key \(q(path)) must end with \"}\"") }
                items.append(HelmSetParser.typedValue(text, typeInference: typeInference))
                if stop == "}" { break }
            }
        }
        if !atEnd {
            guard scalars[position] == "," else {
                throw fail("unexpected \(q(String(scalars[position]))) after the list for key \(q(path))")
            }
            position += 1
        }
        return .list(items)
    }

    /// Reads `index]` after a `[`.
    private mutating func readIndex(for path: String) throws(ValuesError) -> Int {
        let (text, stop) = try read(until: ["]"])
        guard stop != nil else { throw fail("missing \"]\" after \(q("\(path)[\(text)"))") }
        guard let index = Int(text) else { throw fail("invalid index \(q(text)) in key \(q(path)); expected a number") }
        guard index >= 0 else { throw fail("negative index \(index) in key \(q(path)) is not allowed") }
        guard index <= HelmSetParser.maximumIndex else {
            throw fail("index \(index) in key \(q(path)) is over the maximum of \(HelmSetParser.maximumIndex)")
        }
        return index
    }

    /// Reads up to the first unescaped character in `stops`, consuming it; `nil` at the end.
    private mutating func read(until stops: Set<Unicode.Scalar>) throws(ValuesError) -> (String, Unicode.Scalar?) {
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if stops.contains(scalar) { return (String(text), scalar) }
            if scalar == "\\" {
                guard position < scalars.count else { throw fail("a trailing \"\\\" escapes nothing") }
                text.append(scalars[position])
                position += 1
            } else {
                text.append(scalar)
            }
        }
        return (String(text), nil)
    }

    private func checkLevel(_ level: Int, path: String) throws(ValuesError) {
        guard level <= HelmSetParser.maximumNestingLevel else {
            throw fail("key \(q(path)) is nested more than \(HelmSetParser.maximumNestingLevel) levels deep")
        }
    }

    private func near(_ prefix: String) -> String {
        prefix.isEmpty ? "" : " in key \(q(prefix + "."))"
    }

    private func q(_ text: String) -> String { ValuesError.quoted(text) }

    private func article(_ typeName: String) -> String {
        typeName == "integer" ? "an integer" : "a \(typeName)"
    }

    private func fail(_ message: String) -> ValuesError {
        .badSetExpression(expression: expression, message: message)
    }
}
