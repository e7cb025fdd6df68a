import GWSKubernetes
import GWSSpec
import Testing

/// charts/gws-operator/values.yaml against the schema it ships with.
@Suite struct ChartValuesTests {
    let text: String
    let values: Value

    init() throws {
        text = try #require(repositoryFile("charts/gws-operator/values.yaml"))
        values = try YAMLValuesLoader.load(yaml: text, source: "values.yaml")
    }

    @Test func valuesYamlPassesItsSchema() {
        #expect(SchemaValidator.validate(values, against: OperatorChartSchema.values, path: "") == [])
    }

    /// values.yaml says what the schema's defaults say, key for key (the GWSDeployment spec aside: `{}`).
    @Test func valuesYamlHoldsTheSchemaDefaults() throws {
        func withoutSpec(_ tree: Value) -> Value {
            tree.setting(.null, at: [.key("gwsDeployment"), .key("spec")])
        }
        let defaults = try #require(OperatorChartSchema.values.defaults())
        #expect(withoutSpec(values) == withoutSpec(defaults))
        #expect(values.at("gwsDeployment.spec") == .map([:]))
    }

    @Test func everyKeyHasAComment() {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var uncommented: [String] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), !trimmed.isEmpty, trimmed.contains(":") else { continue }
            let previous = lines[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            if !previous.trimmingCharacters(in: .whitespaces).hasPrefix("#") { uncommented.append(trimmed) }
        }
        #expect(uncommented == [])
    }

    @Test func badValuesAreRefused() throws {
        let bad = values.setting("two", at: [.key("replicaCount")])
            .setting(-1, at: [.key("gwsDeployment"), .key("spec"), .key("gwsServices"), .key("gwsAppWorkspace"),
                              .key("deployment"), .key("replicaCount")])
            .setting("loud", at: [.key("logLevel")])
            .setting(true, at: [.key("noSuchKey")])
        let issues = SchemaValidator.validate(bad, against: OperatorChartSchema.values, path: "").map(\.path)
        #expect(issues.contains("replicaCount"))
        #expect(issues.contains("gwsDeployment.spec.gwsServices.gwsAppWorkspace.deployment.replicaCount"))
        #expect(issues.contains("logLevel"))
        #expect(issues.count == 4)
    }

    /// The chart's GWSDeployment spec is checked by the very schema local specs are.
    @Test func gwsDeploymentSpecIsTheSpecSchema() {
        #expect(OperatorChartSchema.jsonSchema().at("properties.gwsDeployment.properties.spec")
            == GWSSchema.spec.jsonSchema(dialect: .draft07).setting(.null, at: [.key("$schema")]).removingNull())
    }
}

extension Value {
    /// This map without its null entries (top level only).
    func removingNull() -> Value {
        guard case .map(let entries) = self else { return self }
        return .map(entries.filter { !$0.value.isNull })
    }
}
