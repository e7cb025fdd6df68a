import Testing
@testable import GWSSpec

@Suite struct SchemaValidatorTests {
    /// A slice of the real spec's shape.
    static let deployment = Schema.object(properties: [
        ("replicaCount", .integer(description: "Instances to run.", min: 0, max: 10, default: 1)),
        ("strategy", .string(enum: ["RollingUpdate", "Recreate"])),
        ("ports", .array(of: .integer(min: 1, max: 65535))),
        ("env", .map(of: .string())),
        ("ratio", .number(min: 0, max: 1)),
        ("debug", .boolean()),
    ])
    static let spec = Schema.object(properties: [
        ("gwsServices", .object(properties: [
            ("gwsAppWorkspace", .object(properties: [
                ("deployment", deployment),
                ("name", .string()),
            ], required: ["name"])),
        ])),
    ])

    private func issues(_ yaml: String) throws -> [String] {
        let value = try YAMLValuesLoader.load(yaml: yaml, source: "values.yaml")
        return SchemaValidator.validate(value, against: Self.spec, path: "spec").map(\.description)
    }

    @Test func validValuesHaveNoIssues() throws {
        #expect(try issues("""
            gwsServices:
              gwsAppWorkspace:
                name: ws
                deployment:
                  replicaCount: 3
                  strategy: Recreate
                  ports: [80, 443]
                  env: {A: x, "b.c": y}
                  ratio: 1
                  debug: false
            """) == [])
    }

    @Test func everyProblemIsReportedInOnePass() throws {
        let found = try issues("""
            gwsServices:
              gwsAppWorkspace:
                deployment:
                  replicaCout: 3
                  replicaCount: -1
                  strategy: Sideways
                  ports: [80, 0, "http", 70000]
                  env:
                    GOOD: x
                    a.b: 5
                  ratio: 1.5
                  debug: "yes"
                  zzz: 1
            """)
        #expect(found == [
            "spec.gwsServices.gwsAppWorkspace.deployment.replicaCount: must be ≥ 0, got -1",
            "spec.gwsServices.gwsAppWorkspace.deployment.strategy: must be one of RollingUpdate, Recreate; got Sideways",
            "spec.gwsServices.gwsAppWorkspace.deployment.ports[1]: must be ≥ 1, got 0",
            "spec.gwsServices.gwsAppWorkspace.deployment.ports[2]: expected integer, got string \"http\"",
            "spec.gwsServices.gwsAppWorkspace.deployment.ports[3]: must be ≤ 65535, got 70000",
            "spec.gwsServices.gwsAppWorkspace.deployment.env[\"a.b\"]: expected string, got integer 5",
            "spec.gwsServices.gwsAppWorkspace.deployment.ratio: must be ≤ 1, got 1.5",
            "spec.gwsServices.gwsAppWorkspace.deployment.debug: expected boolean, got string \"yes\"",
            "spec.gwsServices.gwsAppWorkspace.deployment: unknown key \"replicaCout\" (did you mean \"replicaCount\"?)",
            "spec.gwsServices.gwsAppWorkspace.deployment: unknown key \"zzz\" (known keys: replicaCount, strategy, ports, env, ratio, debug)",
            "spec.gwsServices.gwsAppWorkspace: missing required key \"name\"",
        ])
    }

    @Test func issueFields() {
        let found = SchemaValidator.validate(["replicaCount": "abc"], against: Self.deployment, path: "d")
        #expect(found == [ValidationIssue(path: "d.replicaCount", message: "expected integer, got string \"abc\"")])
        #expect(found.first?.description == "d.replicaCount: expected integer, got string \"abc\"")
        #expect(ValidationIssue(path: "", message: "m").description == "m")
    }

    @Test func nullIsAcceptedAnywhere() {
        let value: Value = ["replicaCount": nil, "ports": [nil, 80], "env": ["A": nil], "strategy": nil]
        #expect(SchemaValidator.validate(value, against: Self.deployment, path: "d") == [])
        #expect(SchemaValidator.validate(nil, against: Self.spec, path: "spec") == [])
    }

    @Test func requiredKeyThatIsNullIsMissing() {
        let schema = Schema.object(properties: [("name", .string())], required: ["name", "other"])
        let found = SchemaValidator.validate(["name": nil], against: schema, path: "x").map(\.description)
        #expect(found == ["x: missing required key \"name\"", "x: missing required key \"other\""])
    }

    @Test func integersAreNumbersButNotTheOtherWayRound() {
        #expect(SchemaValidator.validate(["ratio": 1], against: Self.deployment, path: "") == [])
        #expect(SchemaValidator.validate(["replicaCount": 1.5], against: Self.deployment, path: "").map(\.description)
            == ["replicaCount: expected integer, got number 1.5"])
        #expect(SchemaValidator.validate(["ratio": -0.5], against: Self.deployment, path: "").map(\.description)
            == ["ratio: must be ≥ 0, got -0.5"])
    }

    @Test func wrongContainerTypes() {
        let found = SchemaValidator.validate(["ports": ["a": 1], "env": [1, 2]], against: Self.deployment, path: "d")
        #expect(found.map(\.description) == ["d.ports: expected list, got map", "d.env: expected map, got list"])
        #expect(SchemaValidator.validate("x", against: Self.spec, path: "spec").map(\.description)
            == ["spec: expected map, got string \"x\""])
    }

    @Test func longStringsAreShortenedInMessages() {
        let long = String(repeating: "a", count: 100)
        let found = SchemaValidator.validate(["replicaCount": .string(long)], against: Self.deployment, path: "")
        #expect(found.first?.message == "expected integer, got string \"\(String(repeating: "a", count: 57))...\"")
    }

    @Test func unknownKeysWithManySiblingsDoNotListThem() {
        let properties = (0..<13).map { (name: "key\($0)", schema: Schema.string()) }
        let schema = Schema.object(properties: properties)
        #expect(SchemaValidator.validate(["other": "x"], against: schema, path: "p").map(\.description)
            == ["p: unknown key \"other\""])
        let few = Schema.object(properties: Array(properties.prefix(12)))
        #expect(SchemaValidator.validate(["other": "x"], against: few, path: "p").first?.message
            == "unknown key \"other\" (known keys: key0, key1, key2, key3, key4, key5, key6, key7, key8, key9, key10, key11)")
        #expect(SchemaValidator.validate(["Key1": "x"], against: schema, path: "p").first?.message
            == "unknown key \"Key1\" (did you mean \"key1\"?)")
    }

    @Test func oddKeysAreQuotedInPaths() {
        let schema = Schema.map(of: .object(properties: [("port", .integer())]))
        let found = SchemaValidator.validate(["svc.a": ["port": "x"], "ok": ["port": 1]], against: schema, path: "spec")
        #expect(found.map(\.description) == ["spec[\"svc.a\"].port: expected integer, got string \"x\""])
    }

    @Test func propertiesAndAdditionalPropertiesTogether() {
        let schema = Schema.object(properties: [("fixed", .boolean())], additionalProperties: .integer())
        let found = SchemaValidator.validate(["fixed": 1, "free": true, "other": 2], against: schema, path: "")
        #expect(found.map(\.description) == ["fixed: expected boolean, got integer 1", "free: expected integer, got boolean true"])
    }
}
