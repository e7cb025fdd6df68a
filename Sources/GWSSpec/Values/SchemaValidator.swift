/// Checks a ``Value`` tree against a ``Schema`` and reports every problem in one pass.
///
/// Rules:
/// - `null` is accepted anywhere (in values, null means unset); a required key that is absent or
///   null is reported as missing.
/// - An integer is accepted where a number is expected; a number is not accepted as an integer.
/// - Keys of an object are checked in the schema's property order, then the other keys in sorted
///   order, against `additionalProperties` or reported as unknown with a did-you-mean suggestion.
public enum SchemaValidator {
    /// The known keys are listed in an unknown-key message when there are at most this many.
    public static let maximumListedKeys = 12

    /// All the problems in `value`, in a stable order; empty when it conforms to `schema`.
    ///
    /// - Parameter path: The path of `value` itself (`spec`, or `""` for a document root).
    public static func validate(_ value: Value, against schema: Schema, path: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        check(value, schema, path, &issues)
        return issues
    }

    private static func check(_ value: Value, _ schema: Schema, _ path: String, _ issues: inout [ValidationIssue]) {
        if value.isNull { return }
        guard matches(value, schema.type) else {
            issues.append(ValidationIssue(path: path, message: "expected \(schema.type.valueTypeName), got \(describe(value))"))
            return
        }
        switch value {
        case .map(let entries):
            checkObject(entries, schema, path, &issues)
        case .list(let elements):
            guard let items = schema.items else { return }
            for (index, element) in elements.enumerated() {
                check(element, items, PathComponent.appending(index: index, to: path), &issues)
            }
        case .int, .double:
            checkBounds(value, schema, path, &issues)
        case .string(let text):
            if let allowed = schema.enumValues, !allowed.contains(text) {
                issues.append(ValidationIssue(path: path, message: "must be one of \(allowed.joined(separator: ", ")); got \(text)"))
            }
        case .null, .bool:
            break
        }
    }

    private static func checkObject(
        _ entries: [String: Value], _ schema: Schema, _ path: String, _ issues: inout [ValidationIssue]
    ) {
        let known = schema.propertyNames
        let required = Set(schema.required)
        for (name, propertySchema) in schema.properties {
            if let child = entries[name], !child.isNull {
                check(child, propertySchema, PathComponent.appending(key: name, to: path), &issues)
            } else if required.contains(name) {
                issues.append(ValidationIssue(path: path, message: "missing required key \(ValuesError.quoted(name))"))
            }
        }
        let knownSet = Set(known)
        for name in schema.required where !knownSet.contains(name) && (entries[name]?.isNull ?? true) {
            issues.append(ValidationIssue(path: path, message: "missing required key \(ValuesError.quoted(name))"))
        }
        for name in entries.keys.sorted(by: JSONWriter.scalarOrder) where !knownSet.contains(name) {
            guard let extra = schema.additionalProperties else {
                issues.append(ValidationIssue(path: path, message: unknownKeyMessage(name, known: known)))
                continue
            }
            check(entries[name] ?? .null, extra, PathComponent.appending(key: name, to: path), &issues)
        }
    }

    private static func checkBounds(_ value: Value, _ schema: Schema, _ path: String, _ issues: inout [ValidationIssue]) {
        let below: Bool
        let above: Bool
        switch value {
        case .int(let number):
            below = schema.minimum.map { number < $0 } ?? false
            above = schema.maximum.map { number > $0 } ?? false
        case .double(let number):
            below = schema.minimum.map { number < Double($0) } ?? false
            above = schema.maximum.map { number > Double($0) } ?? false
        default:
            return
        }
        let shown = scalarText(value)
        if below, let minimum = schema.minimum {
            issues.append(ValidationIssue(path: path, message: "must be ≥ \(minimum), got \(shown)"))
        }
        if above, let maximum = schema.maximum {
            issues.append(ValidationIssue(path: path, message: "must be ≤ \(maximum), got \(shown)"))
        }
    }

    static func unknownKeyMessage(_ name: String, known: [String]) -> String {
        let message = "unknown key \(ValuesError.quoted(name))"
        if let suggestion = DidYouMean.suggestion(for: name, among: known) {
            return "\(message) (did you mean \(ValuesError.quoted(suggestion))?)"
        }
        guard !known.isEmpty, known.count <= maximumListedKeys else { return message }
        return "\(message) (known keys: \(known.joined(separator: ", ")))"
    }

    /// A scalar as shown in messages (`5`, `1.5`, `inf`, `true`).
    private static func scalarText(_ value: Value) -> String {
        if case .double(let number) = value { return number.description }
        return value.jsonString()
    }

    private static func matches(_ value: Value, _ type: Schema.DataType) -> Bool {
        switch (type, value) {
        case (.object, .map), (.array, .list), (.string, .string), (.integer, .int),
             (.number, .int), (.number, .double), (.boolean, .bool):
            true
        default:
            false
        }
    }

    /// `string "abc"`, `integer 5`, `number 1.5`, `boolean true`, `list`, `map`.
    static func describe(_ value: Value) -> String {
        switch value {
        case .string(let text):
            let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
            return "string \(ValuesError.quoted(shown))"
        case .int, .double, .bool, .null:
            return "\(value.typeName) \(scalarText(value))"
        case .list, .map:
            return value.typeName
        }
    }
}
