import Yams

extension Value {
    /// This value as a YAML document (block style, keys sorted, ending with a newline).
    ///
    /// Strings that a YAML 1.2 or YAML 1.1 reader would take for something else (`"80"`, `"true"`,
    /// `"yes"`, `""`, `"null"`) are quoted, so the text loads back into the same value with
    /// ``YAMLValuesLoader`` and with Helm. Non-finite doubles are written `.inf`, `-.inf`, `.nan`.
    public func yamlString() -> String {
        do {
            return try Yams.serialize(node: yamlNode())
        } catch {
            // The emitter fails only on invalid input, which a Value cannot produce.
            return jsonString(pretty: true) + "\n"
        }
    }

    /// Keys are sorted here (by Unicode scalars) rather than by the emitter.
    private func yamlNode() -> Node {
        switch self {
        case .null:
            return .scalar(.init("null", Tag(.null), .plain))
        case .bool(let flag):
            return .scalar(.init(flag ? "true" : "false", Tag(.bool), .plain))
        case .int(let number):
            return .scalar(.init(String(number), Tag(.int), .plain))
        case .double(let number):
            return .scalar(.init(Self.yamlNumber(number), Tag(.float), .plain))
        case .string(let text):
            return .scalar(.init(text, Tag(.str), Self.style(for: text)))
        case .list(let items):
            return .sequence(.init(items.map { $0.yamlNode() }))
        case .map(let entries):
            let keys = entries.keys.sorted(by: JSONWriter.scalarOrder)
            let pairs = keys.map { key in
                (Node.scalar(.init(key, Tag(.str), Self.needsQuotes(key) ? .singleQuoted : .any)),
                 (entries[key] ?? .null).yamlNode())
            }
            return .mapping(.init(pairs))
        }
    }

    private static func yamlNumber(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        return number.description
    }

    /// Single quotes for text that would read as another type, a literal block for multi-line
    /// text, otherwise the emitter's choice (plain where it can).
    private static func style(for text: String) -> Node.Scalar.Style {
        if needsQuotes(text) { return .singleQuoted }
        if text.contains("\n") { return .literal }
        return .any
    }

    /// Whether a plain scalar with this text would not read back as this string.
    private static func needsQuotes(_ text: String) -> Bool {
        if case .string = YAMLCoreSchema.resolve(plain: text) {} else { return true }
        // YAML 1.1 readers (Yams' default resolver, go-yaml v2): yes/no/on/off, 0755, 1_000, dates…
        let yaml11Tag = Node.scalar(.init(text)).tag.rawValue
        return yaml11Tag != Tag.Name.str.rawValue
    }
}
