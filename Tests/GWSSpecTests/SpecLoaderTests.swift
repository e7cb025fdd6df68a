import Testing

@testable import GWSSpec

@Suite struct SpecLoaderTests {
    func load(_ files: [String] = [], set: [String] = [], setString: [String] = []) -> Result<LoadedSpec, SpecErrors> {
        SpecLoader.load(
            files: files.enumerated().map { ValuesSource(name: "f\($0).yaml", content: $1) }, set: set,
            setString: setString)
    }

    func errors(_ files: [String] = [], set: [String] = []) -> [String] {
        if case .failure(let e) = load(files, set: set) { return e.issues }
        return []
    }

    @Test func defaultsAloneGiveEveryDefaultRole() throws {
        let loaded = try load().get()
        #expect(loaded.name == "local")
        #expect(loaded.spec.gwsServices["gwsAppWorkspace"]?.deployment.replicaCount == 1)
        #expect(loaded.spec.gwsServices["gwsPlatformOcs"]?.enabled == false)
        #expect(loaded.spec.externals["auth"]?.url == "")
        #expect(loaded.spec.probes.readiness?.periodSeconds == 1)
    }

    @Test func filesLayerLeftToRightAndSetWins() throws {
        let a = "gwsServices:\n  gwsAppWorkspace:\n    deployment:\n      replicaCount: 2\n    service:\n      port: 9000\n"
        let b = "gwsServices:\n  gwsAppWorkspace:\n    deployment:\n      replicaCount: 3\n"
        let loaded = try load([a, b], set: ["gwsServices.gwsAppWorkspace.deployment.replicaCount=4"]).get()
        let ws = loaded.spec.gwsServices["gwsAppWorkspace"]!
        #expect(ws.deployment.replicaCount == 4)
        #expect(ws.service.port == 9000)  // from the first file, untouched by the second
    }

    @Test func aWholeGWSDeploymentResourceIsAcceptedAndNamed() throws {
        let yaml = """
            apiVersion: gws.genesys.com/v1alpha1
            kind: GWSDeployment
            metadata:
              name: lab
            spec:
              deploymentGlobals:
                location: /EUW1
            """
        let loaded = try load([yaml]).get()
        #expect(loaded.name == "lab")
        #expect(loaded.spec.deploymentGlobals.location == "/EUW1")
    }

    @Test func envNumbersBecomeStrings() throws {
        let yaml = "gwsServices:\n  gwsPlatformVoice:\n    context:\n      env:\n        GWS_VOICE_timeouts_requestTimeoutMs: 30000\n"
        let loaded = try load([yaml]).get()
        #expect(loaded.spec.gwsServices["gwsPlatformVoice"]?.context.env["GWS_VOICE_timeouts_requestTimeoutMs"] == "30000")
    }

    @Test func malformedYAMLIsReportedWithLineAndColumn() {
        let issues = errors(["gwsServices:\n  gwsAppWorkspace:\n    deployment: {replicaCount: 2\n"])
        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("f0.yaml:") == true)
        // line:column present
        #expect(issues.first?.split(separator: ":").count ?? 0 >= 3)
    }

    @Test func everyErrorIsReportedAtOnceWithItsPath() {
        let yaml = """
            gwsServices:
              gwsAppWorkspce:
                enabled: true
              gwsAppProvisioning:
                deployment:
                  replicaCount: -1
                  replicaCout: 2
              gwsPlatformVoice:
                service:
                  port: 70000
                enabled: "yes please"
            """
        let issues = errors([yaml])
        #expect(issues.contains { $0.contains("spec.gwsServices") && $0.contains("gwsAppWorkspce") && $0.contains("gwsAppWorkspace") })
        #expect(issues.contains { $0.hasPrefix("spec.gwsServices.gwsAppProvisioning.deployment.replicaCount") && $0.contains("-1") })
        #expect(issues.contains { $0.contains("replicaCout") && $0.contains("did you mean \"replicaCount\"") })
        #expect(issues.contains { $0.hasPrefix("spec.gwsServices.gwsPlatformVoice.service.port") && $0.contains("70000") })
        #expect(issues.contains { $0.hasPrefix("spec.gwsServices.gwsPlatformVoice.enabled") })
        #expect(issues.count == 5)
    }

    @Test func duplicatePortsAcrossRolesAndReplicasAreRejected() {
        let issues = errors(
            [], set: [
                "gwsServices.gwsAppWorkspace.service.port=9000",
                "gwsServices.gwsAppWorkspace.deployment.replicaCount=2",
                "gwsServices.gwsPlatformVoice.service.port=9001",
            ])
        #expect(issues.count == 1)
        #expect(issues.first?.contains("port 9001") == true)
        #expect(issues.first?.contains("gwsPlatformVoice") == true || issues.first?.contains("gwsAppWorkspace") == true)
    }

    @Test func badSetExpressionAndWrongKindAreReported() {
        let resource = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nspec: {}\n"
        let issues = errors([resource], set: ["gwsServices.gwsAppWorkspace.deployment.replicaCount"])
        #expect(issues.contains { $0.contains("kind") && $0.contains("ConfigMap") })
        #expect(issues.contains { $0.contains("apiVersion") })
        #expect(issues.contains { $0.contains("replicaCount") })
    }

    @Test func setNullRemovesAUserValue() throws {
        let yaml = "gwsServices:\n  gwsAppWorkspace:\n    deployment:\n      replicaCount: 5\n"
        let loaded = try load([yaml], set: ["gwsServices.gwsAppWorkspace.deployment.replicaCount=null"]).get()
        #expect(loaded.spec.gwsServices["gwsAppWorkspace"]?.deployment.replicaCount == 1)  // back to the default
    }

    @Test func envKeysMustFollowTheGWSConvention() {
        let issues = errors([], set: ["gwsServices.gwsPlatformVoice.context.env.timeout=5"])
        #expect(issues.count == 1)
        #expect(issues.first?.contains("GWS_VOICE_timeout") == true)
    }

    @Test func reuseValuesLayersOnThePreviousUserValues() throws {
        let first = try load([], set: ["gwsServices.gwsAppWorkspace.deployment.replicaCount=3"]).get()
        let second = try SpecLoader.load(
            set: ["gwsServices.gwsPlatformVoice.deployment.replicaCount=2"], previous: first.userValues
        ).get()
        #expect(second.spec.gwsServices["gwsAppWorkspace"]?.deployment.replicaCount == 3)
        #expect(second.spec.gwsServices["gwsPlatformVoice"]?.deployment.replicaCount == 2)
    }

    @Test func badDeploymentNameIsRejected() {
        let issues = errors(["kind: GWSDeployment\napiVersion: gws.genesys.com/v1alpha1\nmetadata: {name: Bad_Name}\nspec: {}\n"])
        #expect(issues.contains { $0.hasPrefix("metadata.name") })
    }

    @Test func proxyReplicasShareOnePortOtherRolesClaimOnePerReplica() {
        let shared = SpecLoader.load(set: [
            "gwsServices.gwsServiceProxy.deployment.replicaCount=2", "gwsServices.gwsServiceProxy.service.port=8090",
            "gwsServices.gwsAppWorkspace.deployment.replicaCount=2", "gwsServices.gwsAppWorkspace.service.port=8091",
        ])
        if case .failure(let e) = shared { Issue.record("two proxies on 8090, Workspace on 8091-8092: \(e)") }
        let clash = SpecLoader.load(set: [
            "gwsServices.gwsServiceProxy.service.port=8090",
            "gwsServices.gwsAppWorkspace.deployment.replicaCount=2", "gwsServices.gwsAppWorkspace.service.port=8089",
        ])
        guard case .failure(let e) = clash else {
            Issue.record("Workspace ×2 from 8089 takes 8090, the proxy's port")
            return
        }
        #expect(e.issues.contains { $0.contains("port 8090") }, "\(e.issues)")
    }

    @Test func examplesInTheRepositoryAreValid() throws {
        for name in ["local.yaml", "production.yaml", "operator-ha-registry.yaml"] {
            let path = #filePath.replacingOccurrences(of: "Tests/GWSSpecTests/SpecLoaderTests.swift", with: "examples/\(name)")
            let content = try String(contentsOfFile: path, encoding: .utf8)
            let result = SpecLoader.load(files: [ValuesSource(name: name, content: content)])
            if case .failure(let e) = result { Issue.record("\(name): \(e)") }
        }
    }
}
