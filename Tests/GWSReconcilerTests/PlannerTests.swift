import GWSReconciler
import GWSSpec
import Testing

@Suite struct PlannerTests {
    @Test func everyDefaultRoleGetsOneInstanceWithTheEnvironmentContract() {
        let desired = Fixtures.desired()
        let expected = RoleCatalog.all.filter(\.enabledByDefault).map { "\($0.role)-0" }.sorted()
        #expect(desired.instances.keys.sorted() == expected)
        let workspace = desired.instances["workspace-0"]!
        #expect(workspace.environment[ServiceEnvironmentKeys.serviceName] == "gws-app-workspace")
        #expect(workspace.environment[ServiceEnvironmentKeys.instanceID] == "workspace-0")
        #expect(workspace.environment[ServiceEnvironmentKeys.consulURL] == "http://127.0.0.1:8500")
        #expect(workspace.environment[ServiceEnvironmentKeys.location] == "/USW1")
        #expect(workspace.ports == [PortRequest(name: "http", environmentKey: "GWS_PORT", port: 0)])
    }

    @Test func fixedPortsAreOffsetByOrdinal() {
        let desired = Fixtures.desired {
            $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 3
            $0.gwsServices["gwsAppWorkspace"]!.service.port = 9000
        }
        let ports = (0..<3).map { desired.instances["workspace-\($0)"]!.ports[0].port }
        #expect(ports == [9000, 9001, 9002])
    }

    @Test func contextEnvIsPassedThroughAndChangesTheHash() {
        let plain = Fixtures.desired().instances["voice-0"]!
        let tuned = Fixtures.desired {
            $0.gwsServices["gwsPlatformVoice"]!.context.env["GWS_VOICE_timeouts_requestTimeoutMs"] = "30000"
        }.instances["voice-0"]!
        #expect(tuned.environment["GWS_VOICE_timeouts_requestTimeoutMs"] == "30000")
        #expect(plain.configHash != tuned.configHash)
        #expect(plain.configHash == Fixtures.desired().instances["voice-0"]!.configHash)
    }

    @Test func externalWithURLIsNotRunAndIsWiredIn() {
        let desired = Fixtures.desired { $0.externals["auth"]!.url = "https://auth.example.com" }
        #expect(desired.instances["auth-0"] == nil)
        #expect(desired.instances["workspace-0"]!.environment[ServiceEnvironmentKeys.authURL] == "https://auth.example.com")
    }

    @Test func proxyGetsRoutesForEveryRoleAndAnHTTPSPortWhenTLSIsOn() {
        let desired = Fixtures.desired {
            $0.gwsServices["gwsServiceProxy"]!.tls = TLSSettings(enabled: true, port: 8443, certificateFile: "/c", keyFile: "/k")
        }
        let proxy = desired.instances["proxy-0"]!
        let routes = proxy.environment[ServiceEnvironmentKeys.proxyRoutes] ?? ""
        #expect(routes.contains("{\"prefix\":\"/workspace/v3\",\"service\":\"gws-app-workspace\"}"))
        #expect(routes.contains("\"/auth/v3\""))
        #expect(proxy.ports.map(\.name) == ["http", "https"])
        #expect(proxy.ports[1].port == 8443)
        #expect(proxy.environment[ServiceEnvironmentKeys.proxyTLSCertificate] == "/c")
    }

    @Test func serviceProbeOverridesAreLaidOverTheDefaults() {
        let desired = Fixtures.desired {
            $0.gwsServices["gwsAppWorkspace"]!.probes = ProbeSet(liveness: PartialProbe(failureThreshold: 7))
        }
        let probes = desired.instances["workspace-0"]!.probes
        #expect(probes.liveness.failureThreshold == 7)
        #expect(probes.liveness.periodSeconds == 1)
        #expect(probes.liveness.path == "/livez")
        #expect(probes.readiness.path == "/readyz")
    }
}
