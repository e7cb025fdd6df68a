/// A dynamic values tree: what a values file, a `--set` expression or a JSON document holds
/// before it is decoded into the typed spec.
///
/// The cases match JSON's data model, with integers kept apart from other numbers.
/// A `null` means "unset": merging an overlay `null` removes the key (see ``ValuesMerge``).
public indirect enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([Value])
    case map([String: Value])

    /// The name of this value's type as used in messages:
    /// `null`, `boolean`, `integer`, `number`, `string`, `list` or `map`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .list: "list"
        case .map: "map"
        }
    }

    /// The value stored under `key` when this is a map; `nil` otherwise or when the key is absent.
    public subscript(key: String) -> Value? {
        guard case .map(let entries) = self else { return nil }
        return entries[key]
    }

    /// The value stored under `key` when this is a map (`values[key: name]`); same as `values[name]`.
    public subscript(key key: String) -> Value? {
        self[key]
    }

    /// The element at `index` when this is a list and the index is in range; `nil` otherwise.
    public subscript(index: Int) -> Value? {
        guard case .list(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The boolean, when this is `.bool`.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The integer, when this is `.int`.
    public var intValue: Int? {
        if case .int(let number) = self { return number }
        return nil
    }

    /// The number, when this is `.double` or `.int`.
    public var doubleValue: Double? {
        switch self {
        case .double(let number): number
        case .int(let number): Double(number)
        default: nil
        }
    }

    /// The string, when this is `.string`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements, when this is `.list`.
    public var listValue: [Value]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// The entries, when this is `.map`.
    public var mapValue: [String: Value]? {
        if case .map(let entries) = self { return entries }
        return nil
    }
}

// MARK: - Paths

extension Value {
    /// The value found by following `path` (map keys and list indexes) from this value;
    /// `nil` when some step does not exist. An empty path returns `self`.
    public func value(at path: [PathComponent]) -> Value? {
        var current = self
        for component in path {
            switch component {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }

    /// A copy of this value with `newValue` stored at `path`.
    ///
    /// Missing intermediate maps and lists are created; a step that holds something of the wrong
    /// kind (a key into a list, an index into a string) is replaced by an empty map or list.
    /// Lists are padded with `null` up to the index. A negative index leaves the value unchanged.
    /// An empty path returns `newValue`.
    public func setting(_ newValue: Value, at path: [PathComponent]) -> Value {
        guard let first = path.first else { return newValue }
        let rest = Array(path.dropFirst())
        switch first {
        case .key(let key):
            var entries = mapValue ?? [:]
            entries[key] = (entries[key] ?? .null).setting(newValue, at: rest)
            return .map(entries)
        case .index(let index):
            guard index >= 0 else { return self }
            var items = listValue ?? []
            if items.count <= index {
                items.append(contentsOf: repeatElement(Value.null, count: index + 1 - items.count))
            }
            items[index] = items[index].setting(newValue, at: rest)
            return .list(items)
        }
    }
}

// MARK: - Literals (handy in tests and built-in defaults)

extension Value: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension Value: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Value: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension Value: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension Value: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension Value: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
}

extension Value: ExpressibleByDictionaryLiteral {
    /// A map; when a key repeats, the last entry wins.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension Value: CustomStringConvertible {
    /// The compact canonical JSON text (see ``jsonString(pretty:sortedKeys:)``).
    public var description: String { jsonString() }
}
