import Testing
@testable import GWSSpec

@Suite struct SchemaRenderingTests {
    static let schema = Schema.object(
        description: "A deployment.",
        properties: [
            ("replicaCount", .integer(description: "Instances.", min: 0, max: 10, default: 1)),
            ("mode", .string(enum: ["a", "b"], nullable: true)),
            ("env", .map(of: .string())),
            ("ports", .array(of: .integer(min: 1))),
            ("ratio", .number(default: 0.5)),
            ("tls", .boolean(default: false, nullable: true)),
        ],
        required: ["replicaCount"])

    @Test func openAPIV3StructuralSchema() throws {
        let expected = try Value(json: """
            {
              "type": "object",
              "description": "A deployment.",
              "required": ["replicaCount"],
              "properties": {
                "replicaCount": {"type": "integer", "description": "Instances.", "minimum": 0, "maximum": 10, "default": 1},
                "mode": {"type": "string", "enum": ["a", "b"], "nullable": true},
                "env": {"type": "object", "additionalProperties": {"type": "string"}},
                "ports": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                "ratio": {"type": "number", "default": 0.5},
                "tls": {"type": "boolean", "default": false, "nullable": true}
              }
            }
            """)
        #expect(Self.schema.jsonSchema(dialect: .openAPIV3) == expected)
    }

    @Test func draft07Document() throws {
        let expected = try Value(json: """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "description": "A deployment.",
              "required": ["replicaCount"],
              "additionalProperties": false,
              "properties": {
                "replicaCount": {"type": "integer", "description": "Instances.", "minimum": 0, "maximum": 10, "default": 1},
                "mode": {"type": ["string", "null"], "enum": ["a", "b", null]},
                "env": {"type": "object", "additionalProperties": {"type": "string"}},
                "ports": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                "ratio": {"type": "number", "default": 0.5},
                "tls": {"type": ["boolean", "null"], "default": false}
              }
            }
            """)
        #expect(Self.schema.jsonSchema(dialect: .draft07) == expected)
    }

    @Test func nestedObjectsRejectUnknownKeysInDraft07Only() {
        let schema = Schema.object(properties: [("inner", .object(properties: [("x", .string())]))])
        let draft = schema.jsonSchema(dialect: .draft07)
        #expect(draft.value(at: [.key("properties"), .key("inner"), .key("additionalProperties")]) == false)
        #expect(draft["$schema"] == .string(Schema.draft07URI))
        #expect(draft.value(at: [.key("properties"), .key("inner"), .key("$schema")]) == nil)
        let openAPI = schema.jsonSchema(dialect: .openAPIV3)
        #expect(openAPI.value(at: [.key("properties"), .key("inner"), .key("additionalProperties")]) == nil)
        #expect(openAPI["$schema"] == nil)
        #expect(!openAPI.jsonString().contains("x-kubernetes-preserve-unknown-fields"))
    }

    @Test func defaultsTree() {
        let schema = Schema.object(properties: [
            ("replicas", .integer(default: 1)),
            ("image", .object(properties: [("tag", .string(default: "1.0")), ("name", .string())])),
            ("env", .map(of: .string(), default: ["A": "1"])),
            ("nothing", .string()),
        ])
        #expect(schema.defaults() == ["replicas": 1, "image": ["tag": "1.0"], "env": ["A": "1"]])
        #expect(Schema.string().defaults() == nil)
    }

    @Test func constructorsAndLookup() {
        #expect(Self.schema.propertyNames == ["replicaCount", "mode", "env", "ports", "ratio", "tls"])
        #expect(Self.schema.property("env")?.additionalProperties?.type == .string)
        #expect(Self.schema.property("ports")?.items?.minimum == 1)
        #expect(Self.schema.property("missing") == nil)
        #expect(Self.schema.property("mode")?.enumValues == ["a", "b"])
        #expect(Self.schema.property("tls")?.nullable == true)
    }
}
