/// Everything that can go wrong while loading, parsing or converting values.
///
/// Each case carries enough context (the source name, a 1-based position, the offending
/// expression) for `description` to be shown to a user as it is.
public enum ValuesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The YAML text could not be parsed. `line` and `column` are 1-based; 0 means unknown.
    case malformedYAML(source: String, line: Int, column: Int, message: String)
    /// A YAML mapping defines the same key twice. The position is that of the repeated key.
    case duplicateKey(source: String, line: Int, column: Int, key: String)
    /// A YAML mapping key is not a string (`80: x`, `true: y`, `[a]: z`); `found` describes it
    /// (`integer 80`, `a list`).
    case nonStringKey(source: String, line: Int, column: Int, found: String)
    /// A document that must be a map (a values file) holds something else.
    case notAMap(source: String, found: String)
    /// A Helm `--set` expression is invalid.
    case badSetExpression(expression: String, message: String)
    /// A JSON text could not be parsed. `line` and `column` are 1-based.
    case malformedJSON(line: Int, column: Int, message: String)

    /// A message fit to print, such as `values.yaml:3:5: mapping values are not allowed in this context`.
    public var description: String {
        switch self {
        case let .malformedYAML(source, line, column, message):
            return "\(Self.location(source, line, column))\(message)"
        case let .duplicateKey(source, line, column, key):
            return "\(Self.location(source, line, column))duplicate key \(Self.quoted(key))"
        case let .nonStringKey(source, line, column, found):
            return "\(Self.location(source, line, column))map keys must be strings, found \(found)"
        case let .notAMap(source, found):
            return "\(source): the document must be a map of values, found \(found)"
        case let .badSetExpression(expression, message):
            return "invalid --set expression \(Self.quoted(expression)): \(message)"
        case let .malformedJSON(line, column, message):
            return "invalid JSON at line \(line), column \(column): \(message)"
        }
    }

    private static func location(_ source: String, _ line: Int, _ column: Int) -> String {
        guard line > 0 else { return "\(source): " }
        guard column > 0 else { return "\(source):\(line): " }
        return "\(source):\(line):\(column): "
    }

    /// A string in double quotes with JSON escaping, for messages.
    static func quoted(_ text: String) -> String {
        var out = ""
        JSONWriter.appendEscaped(text, to: &out)
        return out
    }
}
