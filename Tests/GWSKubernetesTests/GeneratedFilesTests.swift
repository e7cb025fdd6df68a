import GWSKubernetes
import Testing

/// The committed generated files are exactly what the generators print now.
/// On failure, regenerate with `hack/generate-kubernetes.sh` and review the diff.
@Suite struct GeneratedFilesTests {
    @Test(arguments: ["crds/gwsdeployment.yaml", "charts/gws-operator/crds/gwsdeployment.yaml"])
    func crdIsUpToDate(path: String) throws {
        let committed = try #require(repositoryFile(path), "\(path) is missing: run hack/generate-kubernetes.sh")
        #expect(committed == (try GWSDeploymentCRD.yaml()), "\(path) is stale: run hack/generate-kubernetes.sh")
    }

    @Test func chartValuesSchemaIsUpToDate() throws {
        let path = "charts/gws-operator/values.schema.json"
        let committed = try #require(repositoryFile(path), "\(path) is missing: run hack/generate-kubernetes.sh")
        #expect(committed == OperatorChartSchema.jsonText(), "\(path) is stale: run hack/generate-kubernetes.sh")
    }

    @Test func generatedTextIsStable() throws {
        #expect(try GWSDeploymentCRD.yaml() == (try GWSDeploymentCRD.yaml()))
        #expect(OperatorChartSchema.jsonText() == OperatorChartSchema.jsonText())
        #expect(try GWSDeploymentCRD.yaml().hasPrefix("# The GWSDeployment CustomResourceDefinition."))
    }
}
