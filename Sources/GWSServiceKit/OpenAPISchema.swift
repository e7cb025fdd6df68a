import GWSStores

/// JSON Schema fragments (the OpenAPI 3.0 dialect) for the documents the
/// roles serve at `<basePath>/openapi.json`; see ``OpenAPIDocument``.
///
/// ```swift
/// let user: JSONValue = OpenAPISchema.object(
///     ["userName": .string(maxLength: 255), "level": .integer(minimum: 0)], required: ["userName"])
/// ```
public enum OpenAPISchema {
    /// A string, optionally limited to `values`, a length range, a `format` or a `pattern`.
    public static func string(
        _ description: String? = nil, enum values: [String]? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        format: String? = nil, pattern: String? = nil
    ) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string"]
        schema["description"] = description.map(JSONValue.string)
        schema["enum"] = values.map { .array($0.map(JSONValue.string)) }
        schema["minLength"] = minLength.map(JSONValue.int)
        schema["maxLength"] = maxLength.map(JSONValue.int)
        schema["format"] = format.map(JSONValue.string)
        schema["pattern"] = pattern.map(JSONValue.string)
        return .object(schema)
    }

    /// A 64-bit integer, optionally within `minimum…maximum`.
    public static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer", "format": "int64"]
        schema["description"] = description.map(JSONValue.string)
        schema["minimum"] = minimum.map(JSONValue.int)
        schema["maximum"] = maximum.map(JSONValue.int)
        return .object(schema)
    }

    /// Any string.
    public static let text: JSONValue = ["type": "string"]

    /// A boolean.
    public static let boolean: JSONValue = ["type": "boolean"]

    /// A date-time string (ISO 8601).
    public static let dateTime: JSONValue = ["type": "string", "format": "date-time"]

    /// Any JSON value.
    public static let any: JSONValue = ["description": "any JSON value"]

    /// An array of `items`, optionally with `minItems…maxItems` of them.
    public static func array(
        _ items: JSONValue, minItems: Int? = nil, maxItems: Int? = nil, description: String? = nil
    ) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "array", "items": items]
        schema["description"] = description.map(JSONValue.string)
        schema["minItems"] = minItems.map(JSONValue.int)
        schema["maxItems"] = maxItems.map(JSONValue.int)
        return .object(schema)
    }

    /// An object with `properties`, of which `required` must be present.
    /// Other members are allowed unless `additionalProperties` says otherwise.
    public static func object(
        _ properties: [String: JSONValue], required: [String] = [], description: String? = nil,
        additionalProperties: JSONValue? = nil
    ) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.sorted().map(JSONValue.string)) }
        schema["description"] = description.map(JSONValue.string)
        schema["additionalProperties"] = additionalProperties
        return .object(schema)
    }

    /// An object whose members are all of type `values` (a map).
    public static func map(_ values: JSONValue, description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "additionalProperties": values]
        schema["description"] = description.map(JSONValue.string)
        return .object(schema)
    }

    /// A reference to `#/components/schemas/<name>`.
    public static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// `schema`, which may also be `null`.
    public static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var members) = schema, members["$ref"] == nil else {
            return ["allOf": [schema], "nullable": true]
        }
        members["nullable"] = true
        return .object(members)
    }

    /// The GWS response envelope `{"status": {"code", "message"?}, "data"?, "operationId"?}`
    /// with `data` of schema `data` (no `data` member when nil).
    public static func envelope(data: JSONValue? = nil) -> JSONValue {
        var properties: [String: JSONValue] = [
            "status": ref(OpenAPIDocument.statusSchema), "operationId": string("echo of the request's operationId"),
        ]
        properties["data"] = data
        return object(properties, required: ["status"])
    }

    /// A GWS request body `{"operationId"?: string, "data": <data>}`.
    public static func requestEnvelope(data: JSONValue, dataRequired: Bool = true) -> JSONValue {
        object(
            ["operationId": string("returned in the answer", maxLength: 256), "data": data],
            required: dataRequired ? ["data"] : [])
    }
}
