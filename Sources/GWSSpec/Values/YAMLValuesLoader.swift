import Yams

/// Loads YAML text (a values file, a spec document) into a ``Value`` tree.
///
/// Scalars are typed with the YAML 1.2 core schema (see ``YAMLCoreSchema``): quoted and block
/// scalars are always strings, plain `80` is an integer, `1.5` a number, `true`/`false` booleans,
/// `null`, `~` and nothing at all are null. Explicit tags (`!!str 80`, `!!int "8"`) are honoured.
/// Anchors, aliases and `<<` merge keys are expanded. A key that repeats in one mapping, or a key
/// that is not a string, is an error with its 1-based position.
public enum YAMLValuesLoader {
    /// Parses one YAML document. An empty document (nothing, or only comments) is an empty map.
    ///
    /// - Parameters:
    ///   - yaml: The YAML text.
    ///   - source: The name used in error messages, such as `values.yaml` or `--values #2`.
    public static func load(yaml: String, source: String) throws(ValuesError) -> Value {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, resolver)
        } catch let error as YamlError {
            throw convert(error, source: source)
        } catch {
            throw .malformedYAML(source: source, line: 0, column: 0, message: "\(error)")
        }
        // Nothing, only comments, or a bare "---": an empty document.
        guard let node else { return .map([:]) }
        if case .scalar(let scalar) = node, scalar.style == .plain, scalar.string.isEmpty,
           [Tag.Name.implicit.rawValue, plainTag.rawValue].contains(scalar.tag.rawValue) {
            return .map([:])
        }
        var converter = NodeConverter(source: source)
        return try converter.value(of: node)
    }

    /// Parses one YAML document that must be a map, as a values file is. An empty document or a
    /// document holding only `null` is an empty map; anything else that is not a map is an error.
    public static func loadMap(yaml: String, source: String) throws(ValuesError) -> Value {
        let value = try load(yaml: yaml, source: source)
        switch value {
        case .map: return value
        case .null: return .map([:])
        default: throw .notAMap(source: source, found: "a \(value.typeName)")
        }
    }

    // MARK: - Yams plumbing

    /// The tag that plain, untagged scalars resolve to, so that `80` and `"80"` stay apart.
    static let plainTag = Tag.Name(rawValue: "tag:gws-operator,2026:plain")

    // The pattern "^" matches every string, so every implicit scalar gets `plainTag`.
    private static let resolver: Resolver = Resolver.basic.appending(try! Resolver.Rule(plainTag, "^"))

    private static func convert(_ error: YamlError, source: String) -> ValuesError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = problem
            if let context {
                // "expected a single document in the stream" + "but found another document"
                message = problem.hasPrefix("but ")
                    ? "\(context.text) \(problem)"
                    : "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return .malformedYAML(source: source, line: mark.line, column: mark.column, message: message)
        case let .reader(problem, offset, _, yaml):
            let (line, column) = offset.map { position(ofCharacterOffset: $0, in: yaml) } ?? (0, 0)
            return .malformedYAML(source: source, line: line, column: column, message: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let first = (context.mark.line, context.mark.column)
            let (line, column) = repeatedKeyPosition(key, firstAt: first, in: context.text) ?? first
            return .duplicateKey(source: source, line: line, column: column, key: key)
        default:
            return .malformedYAML(source: source, line: 0, column: 0, message: error.description)
        }
    }

    private static func position(ofCharacterOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Yams reports a repeated key at its first occurrence. In a block mapping the repeat sits in
    /// the same column further down, before any line that is indented less; this finds it, so the
    /// error points at the line to delete. Returns `nil` when it cannot tell (flow mappings).
    static func repeatedKeyPosition(_ key: String, firstAt first: (line: Int, column: Int), in yaml: String) -> (Int, Int)? {
        let column = first.column - 1
        guard first.line >= 1, column >= 0 else { return nil }
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let spellings = [key, ValuesError.quoted(key), "'\(key.replacingAll("'", with: "''"))'"]
        var index = first.line
        while index < lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            defer { index += 1 }
            let indentation = scalars.prefix(while: { $0 == " " }).count
            guard indentation < scalars.count, scalars[indentation] != "#", scalars[indentation] != "\r" else { continue }
            if indentation < column { return nil }
            guard indentation == column else { continue }
            let rest = String(String.UnicodeScalarView(scalars[column...]))
            for spelling in spellings where rest.hasPrefix(spelling) {
                let tail = rest.dropFirst(spelling.count).drop(while: { $0 == " " || $0 == "\t" })
                if tail == ":" || tail.hasPrefix(": ") || tail.hasPrefix(":\t") || tail.hasPrefix(":\r") {
                    return (index + 1, first.column)
                }
            }
        }
        return nil
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        reduce(into: "") { result, character in
            if character == target { result += replacement } else { result.append(character) }
        }
    }
}
