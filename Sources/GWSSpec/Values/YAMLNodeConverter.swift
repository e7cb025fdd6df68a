import Yams

/// Turns a composed Yams `Node` into a ``Value``, applying the YAML 1.2 core schema, explicit
/// tags and `<<` merge keys, and rejecting repeated and non-string keys.
struct NodeConverter {
    let source: String
    /// Nodes left to convert; bounds the expansion of aliases ("billion laughs").
    private var budget = 2_000_000

    init(source: String) {
        self.source = source
    }

    mutating func value(of node: Node) throws(ValuesError) -> Value {
        budget -= 1
        guard budget >= 0 else {
            throw failure("the document expands to too many nodes (aliases nested too deeply?)", at: node.mark)
        }
        switch node {
        case .scalar(let scalar):
            return try value(of: scalar)
        case .sequence(let sequence):
            var items: [Value] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try value(of: item)) }
            return .list(items)
        case .mapping(let mapping):
            return try value(of: mapping)
        case .alias:
            throw failure("unexpected unresolved alias", at: node.mark)
        }
    }

    private func value(of scalar: Node.Scalar) throws(ValuesError) -> Value {
        let text = scalar.string
        let tag = scalar.tag.rawValue
        func typed(_ value: Value?, _ name: String) throws(ValuesError) -> Value {
            guard let value else { throw failure("cannot read \(ValuesError.quoted(text)) as \(name)", at: scalar.mark) }
            return value
        }
        switch tag {
        case "", YAMLValuesLoader.plainTag.rawValue:
            return scalar.style == .plain ? YAMLCoreSchema.resolve(plain: text) : .string(text)
        case Tag.Name.str.rawValue, Tag.Name.nonSpecific.rawValue:
            return .string(text)
        case Tag.Name.null.rawValue:
            return try typed(YAMLCoreSchema.null(text), "!!null")
        case Tag.Name.bool.rawValue:
            return try typed(YAMLCoreSchema.bool(text), "!!bool")
        case Tag.Name.int.rawValue:
            return try typed(YAMLCoreSchema.int(text), "!!int")
        case Tag.Name.float.rawValue:
            let number = YAMLCoreSchema.double(text) ?? YAMLCoreSchema.int(text)?.doubleValue.map(Value.double)
            return try typed(number, "!!float")
        default:
            // Other tags (!!binary, !!timestamp, application tags) keep their text.
            return scalar.style == .plain ? YAMLCoreSchema.resolve(plain: text) : .string(text)
        }
    }

    private mutating func value(of mapping: Node.Mapping) throws(ValuesError) -> Value {
        var entries: [String: Value] = [:]
        var inherited: [String: Value] = [:]
        for (keyNode, valueNode) in mapping {
            if Self.isMergeKey(keyNode) {
                try merge(try value(of: valueNode), into: &inherited, at: valueNode.mark)
                continue
            }
            let key = try keyString(keyNode)
            guard entries[key] == nil else {
                let mark = keyNode.mark
                throw .duplicateKey(source: source, line: mark?.line ?? 0, column: mark?.column ?? 0, key: key)
            }
            entries[key] = try value(of: valueNode)
        }
        for (key, value) in inherited where entries[key] == nil {
            entries[key] = value
        }
        return .map(entries)
    }

    /// Adds the maps named by a `<<` key; maps listed earlier win over later ones.
    private func merge(_ merged: Value, into inherited: inout [String: Value], at mark: Mark?) throws(ValuesError) {
        let maps: [Value] = merged.listValue ?? [merged]
        for map in maps {
            guard let entries = map.mapValue else {
                throw failure("the value of a \"<<\" merge key must be a map or a list of maps", at: mark)
            }
            for (key, value) in entries where inherited[key] == nil {
                inherited[key] = value
            }
        }
    }

    private func keyString(_ node: Node) throws(ValuesError) -> String {
        let found: String
        switch node {
        case .scalar(let scalar):
            let key = try value(of: scalar)
            if case .string(let text) = key { return text }
            found = key.isNull ? "null" : "\(key.typeName) \(scalar.string)"
        case .mapping:
            found = "a map"
        case .sequence:
            found = "a list"
        case .alias:
            found = "an alias"
        }
        let mark = node.mark
        throw .nonStringKey(source: source, line: mark?.line ?? 0, column: mark?.column ?? 0, found: found)
    }

    private static func isMergeKey(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.string == "<<", scalar.style == .plain else { return false }
        let tag = scalar.tag.rawValue
        return tag.isEmpty || tag == YAMLValuesLoader.plainTag.rawValue || tag == Tag.Name.merge.rawValue
    }

    private func failure(_ message: String, at mark: Mark?) -> ValuesError {
        .malformedYAML(source: source, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message)
    }
}
