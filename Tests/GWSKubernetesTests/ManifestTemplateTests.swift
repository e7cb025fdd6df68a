import GWSKubernetes
import GWSSpec
import Testing

/// `gwsctl template`'s loading: as `plan`, and nothing rendered on any error.
@Suite struct ManifestTemplateTests {
    func files(_ texts: String...) -> [ValuesSource] {
        texts.enumerated().map { ValuesSource(name: "f\($0).yaml", content: $1) }
    }

    @Test func layersFilesThenSets() throws {
        let rendered = try ManifestTemplate.render(
            files: files("gwsServices:\n  gwsAppWorkspace:\n    deployment:\n      replicaCount: 2\n", clusterSpec),
            set: ["gwsServices.gwsAppWorkspace.deployment.replicaCount=4"]
        ).get()
        #expect(rendered.object(kind: "Deployment", name: "gws-app-workspace")?.at("spec.replicas") == 4)
    }

    @Test func aResourceNamesTheObjectsInstance() throws {
        let resource = """
            apiVersion: gws.genesys.com/v1alpha1
            kind: GWSDeployment
            metadata: {name: lab}
            spec: {consul: {address: c, port: 8500}}
            """
        let rendered = try ManifestTemplate.render(files: files(resource)).get()
        #expect(rendered.object(kind: "Service", name: "gws-app-workspace")?.at("metadata.labels")?["app.kubernetes.io/instance"] == "lab")
    }

    @Test func everyErrorAtOnceAndNothingRendered() {
        let result = ManifestTemplate.render(
            files: files("gwsServices:\n  gwsAppWorkspace:\n    deployment:\n      replicaCount: -1\n  gwsAppWorkspce: {}\n"),
            set: ["gwsServices.gwsPlatformVoice.context.env.timeout=3"])
        guard case .failure(let errors) = result else {
            Issue.record("a spec with errors rendered")
            return
        }
        #expect(errors.issues.count == 2)
        #expect(errors.issues.contains { $0.contains("replicaCount") && $0.contains("≥ 0") })
        #expect(errors.issues.contains { $0.contains("gwsAppWorkspce") && $0.contains("did you mean") })
    }

    @Test func semanticErrorsRefuseToo() {
        let result = ManifestTemplate.render(
            files: files(clusterSpec),
            set: ["gwsServices.gwsAppWorkspace.service.port=9000", "gwsServices.gwsAppWorkspace.deployment.replicaCount=2",
                  "gwsServices.gwsPlatformVoice.service.port=9001"])
        guard case .failure(let errors) = result else {
            Issue.record("a port clash rendered")
            return
        }
        #expect(errors.issues.contains { $0.contains("port 9001") })
    }
}
