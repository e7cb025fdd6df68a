/// A schema for a ``Value`` tree: the subset of OpenAPI v3 / JSON Schema that the spec needs.
///
/// One schema drives validation (``SchemaValidator``), the CRD's `openAPIV3Schema` and the
/// chart's `values.schema.json` (``jsonSchema(dialect:)``), so they cannot drift apart.
/// Build it in code with the static constructors:
///
/// ```swift
/// let deployment = Schema.object(properties: [
///     ("replicaCount", .integer(description: "Instances to run.", min: 0, default: 1)),
///     ("env", .map(of: .string())),
///     ("ports", .array(of: .integer(min: 1, max: 65535))),
/// ])
/// ```
public final class Schema: Sendable {
    /// The JSON type a value must have.
    public enum DataType: String, Sendable, Hashable, CaseIterable {
        case object, array, string, integer, number, boolean

        /// The ``Value/typeName`` of values of this type, as used in messages.
        public var valueTypeName: String {
            switch self {
            case .object: "map"
            case .array: "list"
            case .string: "string"
            case .integer: "integer"
            case .number: "number"
            case .boolean: "boolean"
            }
        }
    }

    public let type: DataType
    public let description: String?
    /// Known keys of an object, in the order they are documented and checked.
    public let properties: [(name: String, schema: Schema)]
    /// The schema of keys not listed in ``properties`` (maps such as `env`); `nil` rejects them.
    public let additionalProperties: Schema?
    /// The schema of an array's elements.
    public let items: Schema?
    /// Inclusive bounds for integers and numbers.
    public let minimum: Int?
    public let maximum: Int?
    /// The strings a string may be.
    public let enumValues: [String]?
    public let defaultValue: Value?
    /// Whether `null` is a meaningful value here (rendered as `nullable: true` or a `"null"` type).
    /// The validator accepts `null` everywhere regardless, because in values `null` means unset.
    public let nullable: Bool
    /// Keys an object must have (with a non-null value).
    public let required: [String]

    public init(
        type: DataType,
        description: String? = nil,
        properties: [(name: String, schema: Schema)] = [],
        additionalProperties: Schema? = nil,
        items: Schema? = nil,
        minimum: Int? = nil,
        maximum: Int? = nil,
        enumValues: [String]? = nil,
        defaultValue: Value? = nil,
        nullable: Bool = false,
        required: [String] = []
    ) {
        self.type = type
        self.description = description
        self.properties = properties
        self.additionalProperties = additionalProperties
        self.items = items
        self.minimum = minimum
        self.maximum = maximum
        self.enumValues = enumValues
        self.defaultValue = defaultValue
        self.nullable = nullable
        self.required = required
    }

    /// The schema of the property `name`, if the object lists it.
    public func property(_ name: String) -> Schema? {
        properties.first { $0.name == name }?.schema
    }

    /// The names of the listed properties, in order.
    public var propertyNames: [String] { properties.map(\.name) }

    /// The defaults this schema declares, as a values tree: an object's own `defaultValue` with the
    /// defaults of its properties merged over it; `nil` when nothing declares a default.
    public func defaults() -> Value? {
        guard type == .object else { return defaultValue }
        var entries: [String: Value] = [:]
        for (name, schema) in properties {
            if let value = schema.defaults() { entries[name] = value }
        }
        guard !entries.isEmpty else { return defaultValue }
        return ValuesMerge.merge(defaultValue ?? .map([:]), .map(entries))
    }
}

// MARK: - Constructors

extension Schema {
    /// An object with known `properties`; other keys follow `additionalProperties` or are rejected.
    public static func object(
        description: String? = nil,
        properties: [(name: String, schema: Schema)] = [],
        required: [String] = [],
        additionalProperties: Schema? = nil,
        nullable: Bool = false,
        default defaultValue: Value? = nil
    ) -> Schema {
        Schema(type: .object, description: description, properties: properties,
               additionalProperties: additionalProperties, defaultValue: defaultValue,
               nullable: nullable, required: required)
    }

    /// A map from any string key to values of `values` (such as `env`: string → string).
    public static func map(
        of values: Schema, description: String? = nil, nullable: Bool = false, default defaultValue: Value? = nil
    ) -> Schema {
        Schema(type: .object, description: description, additionalProperties: values,
               defaultValue: defaultValue, nullable: nullable)
    }

    /// A list whose elements follow `items`.
    public static func array(
        of items: Schema, description: String? = nil, nullable: Bool = false, default defaultValue: Value? = nil
    ) -> Schema {
        Schema(type: .array, description: description, items: items, defaultValue: defaultValue, nullable: nullable)
    }

    /// A string, optionally limited to `enum` values.
    public static func string(
        description: String? = nil, enum values: [String]? = nil, default defaultValue: String? = nil,
        nullable: Bool = false
    ) -> Schema {
        Schema(type: .string, description: description, enumValues: values,
               defaultValue: defaultValue.map(Value.string), nullable: nullable)
    }

    /// An integer within `min...max` (either bound optional).
    public static func integer(
        description: String? = nil, min: Int? = nil, max: Int? = nil, default defaultValue: Int? = nil,
        nullable: Bool = false
    ) -> Schema {
        Schema(type: .integer, description: description, minimum: min, maximum: max,
               defaultValue: defaultValue.map(Value.int), nullable: nullable)
    }

    /// A number (integers included) within `min...max` (either bound optional).
    public static func number(
        description: String? = nil, min: Int? = nil, max: Int? = nil, default defaultValue: Double? = nil,
        nullable: Bool = false
    ) -> Schema {
        Schema(type: .number, description: description, minimum: min, maximum: max,
               defaultValue: defaultValue.map(Value.double), nullable: nullable)
    }

    /// A boolean.
    public static func boolean(
        description: String? = nil, default defaultValue: Bool? = nil, nullable: Bool = false
    ) -> Schema {
        Schema(type: .boolean, description: description, defaultValue: defaultValue.map(Value.bool), nullable: nullable)
    }
}
