import GWSKubernetes
import GWSSpec
import Testing

@Suite struct CRDTests {
    let crd: Value

    init() throws { crd = try GWSDeploymentCRD.resource() }

    var version: Value? { crd.at("spec.versions.0") }
    var root: Value? { version?.at("schema.openAPIV3Schema") }

    @Test func namesTheResourceAsTheSpecLoaderAcceptsIt() {
        #expect(crd["apiVersion"] == "apiextensions.k8s.io/v1")
        #expect(crd["kind"] == "CustomResourceDefinition")
        #expect(crd.at("metadata.name") == "gwsdeployments.gws.genesys.com")
        #expect(crd.at("spec.group") == .string(GWSDeployment.apiGroup))
        #expect(crd.at("spec.scope") == "Namespaced")
        #expect(crd.at("spec.names.kind") == .string(GWSDeployment.kindName))
        #expect(crd.at("spec.names.plural") == "gwsdeployments")
        #expect(crd.at("spec.names.shortNames") == ["gwsd"])
        // The apiVersion a GWSDeployment file carries is group/version of the CRD's only version.
        #expect("\(GWSDeploymentCRD.group)/\(version?["name"]?.stringValue ?? "")" == GWSDeployment.apiVersionV1)
        #expect(crd.at("spec.versions")?.listValue?.count == 1)
        #expect(version?["served"] == true)
        #expect(version?["storage"] == true)
    }

    @Test func hasTheStatusSubresourceAndPrinterColumns() {
        #expect(version?.at("subresources.status") == .map([:]))
        let columns = version?["additionalPrinterColumns"]?.listValue ?? []
        #expect(columns.map { $0["name"]?.stringValue ?? "" } == ["Ready", "Desired", "Phase", "Age"])
        #expect(columns.map { $0["jsonPath"]?.stringValue ?? "" } == [
            ".status.readyInstances", ".status.desiredInstances", ".status.phase", ".metadata.creationTimestamp",
        ])
        #expect(columns.last?["type"] == "date")
    }

    /// One source: take away what only Kubernetes needs and the spec schema is GWSSchema's own rendering.
    @Test func specSchemaIsGWSSchemaPlusKubernetesAdditionsOnly() throws {
        let spec = try #require(root?.at("properties.spec"))
        #expect(Self.strippingKubernetesAdditions(spec) == GWSSchema.spec.jsonSchema(dialect: .openAPIV3))
        // And the additions are really there.
        #expect(spec["x-kubernetes-validations"]?.listValue?.isEmpty == false)
        #expect(spec.at("properties.gwsServices.properties.gwsAppWorkspace.properties.context.properties.env.maxProperties")
            == .int(GWSDeploymentValidation.maxEnvironmentEntries))
    }

    @Test func statusSchemaDescribesDeploymentStatusAndMergesConditionsByType() throws {
        let status = try #require(root?.at("properties.status"))
        let names = Set(status["properties"]?.mapValue?.keys.map { $0 } ?? [])
        #expect(names == ["phase", "observedGeneration", "readyInstances", "desiredInstances", "conditions"])
        let conditions = try #require(status.at("properties.conditions"))
        #expect(conditions["x-kubernetes-list-type"] == "map")
        #expect(conditions["x-kubernetes-list-map-keys"] == ["type"])
        #expect(conditions.at("items.required") == ["type", "status"])
    }

    /// Kubernetes rejects a CRD whose schema is not structural.
    @Test func schemaIsStructural() throws {
        let schema = try #require(root)
        var problems: [String] = []
        Self.checkStructural(schema, path: "openAPIV3Schema", problems: &problems)
        #expect(problems == [])
    }

    @Test func rootRuleChecksTheNameAsSpecLoaderDoes() {
        let rules = root?["x-kubernetes-validations"]?.listValue ?? []
        #expect(rules.count == 1)
        #expect(rules.first?["rule"] == .string(GWSDeploymentValidation.metadataName.rule))
    }

    // MARK: - Helpers

    static let kubernetesOnlyKeys: Set<String> = [
        "x-kubernetes-validations", "maxProperties", "maxLength", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
        "maxItems",
    ]

    static func strippingKubernetesAdditions(_ value: Value) -> Value {
        switch value {
        case .map(let entries):
            var result: [String: Value] = [:]
            for (key, child) in entries where !kubernetesOnlyKeys.contains(key) {
                // `properties` and `default` hold data, not schema keywords, at their first level.
                result[key] = key == "default" ? child : strippingKubernetesAdditions(child)
            }
            return .map(result)
        case .list(let items):
            return .list(items.map(strippingKubernetesAdditions))
        default:
            return value
        }
    }

    static func checkStructural(_ schema: Value, path: String, problems: inout [String]) {
        guard let type = schema["type"]?.stringValue else {
            problems.append("\(path): no type")
            return
        }
        if schema["properties"] != nil && schema["additionalProperties"] != nil {
            problems.append("\(path): both properties and additionalProperties")
        }
        if type == "array" && schema["items"] == nil { problems.append("\(path): array without items") }
        for (name, child) in schema["properties"]?.mapValue ?? [:] {
            checkStructural(child, path: "\(path).\(name)", problems: &problems)
        }
        if let additional = schema["additionalProperties"] {
            if additional.mapValue == nil { problems.append("\(path): additionalProperties is not a schema") }
            else { checkStructural(additional, path: "\(path).*", problems: &problems) }
        }
        if let items = schema["items"] { checkStructural(items, path: "\(path)[]", problems: &problems) }
    }
}
