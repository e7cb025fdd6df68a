/// The document format ``Schema/jsonSchema(dialect:)`` renders.
public enum SchemaDialect: Sendable, Hashable {
    /// A Kubernetes structural schema for a CRD's `openAPIV3Schema`: no `$schema`,
    /// `nullable: true` where nullable, `additionalProperties` only as a schema.
    ///
    /// Kubernetes rejects an object with both `properties` and `additionalProperties` and an array
    /// without `items`; build CRD schemas without those shapes.
    case openAPIV3
    /// A JSON Schema draft-07 document (Helm's `values.schema.json`): `$schema` at the root,
    /// `"additionalProperties": false` on objects without an `additionalProperties` schema, and
    /// `"type": [t, "null"]` (plus `null` among `enum` values) where nullable.
    case draft07
}

extension Schema {
    /// The URI draft-07 documents declare in `$schema`.
    public static let draft07URI = "http://json-schema.org/draft-07/schema#"

    /// This schema as a JSON Schema / OpenAPI document (a ``Value`` map; write it with
    /// ``Value/jsonString(pretty:sortedKeys:)`` or ``Value/yamlString()``).
    public func jsonSchema(dialect: SchemaDialect) -> Value {
        var document = rendered(dialect)
        if dialect == .draft07 {
            document["$schema"] = .string(Self.draft07URI)
        }
        return .map(document)
    }

    private func rendered(_ dialect: SchemaDialect) -> [String: Value] {
        var out: [String: Value] = [:]
        switch dialect {
        case .openAPIV3:
            out["type"] = .string(type.rawValue)
            if nullable { out["nullable"] = .bool(true) }
        case .draft07:
            out["type"] = nullable ? .list([.string(type.rawValue), .string("null")]) : .string(type.rawValue)
        }
        if let description { out["description"] = .string(description) }
        if type == .object {
            if !properties.isEmpty {
                out["properties"] = .map(Dictionary(
                    properties.map { ($0.name, Value.map($0.schema.rendered(dialect))) },
                    uniquingKeysWith: { first, _ in first }))
            }
            if !required.isEmpty { out["required"] = .list(required.map(Value.string)) }
            if let additionalProperties {
                out["additionalProperties"] = .map(additionalProperties.rendered(dialect))
            } else if dialect == .draft07 {
                out["additionalProperties"] = .bool(false)
            }
        }
        if type == .array, let items { out["items"] = .map(items.rendered(dialect)) }
        if let minimum { out["minimum"] = .int(minimum) }
        if let maximum { out["maximum"] = .int(maximum) }
        if let enumValues {
            var values = enumValues.map(Value.string)
            if nullable, dialect == .draft07 { values.append(.null) }
            out["enum"] = .list(values)
        }
        if let defaultValue { out["default"] = defaultValue }
        return out
    }
}
