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
        #expect(proxy.ports.map(\.name) == ["http", "probe", "https"])
        #expect(proxy.ports[2].port == 8443)
        #expect(proxy.ports[1].port == 0 && proxy.ports[1].environmentKey == ServiceEnvironmentKeys.probePort)
        #expect(proxy.ports.map(\.shared) == [true, false, true], "public ports shared, the probe port its own")
        #expect(proxy.environment[ServiceEnvironmentKeys.proxyTLSCertificate] == "/c")
    }

    @Test func proxyReplicasShareThePublicPortsOtherRolesCountUp() {
        let desired = Fixtures.desired {
            $0.gwsServices["gwsServiceProxy"]!.deployment.replicaCount = 2
            $0.gwsServices["gwsServiceProxy"]!.service.port = 8090
            $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 2
            $0.gwsServices["gwsAppWorkspace"]!.service.port = 9000
        }
        #expect(desired.instances["proxy-0"]!.ports[0].port == 8090)
        #expect(desired.instances["proxy-1"]!.ports[0].port == 8090, "one address for clients")
        #expect(desired.instances["workspace-0"]!.ports[0].port == 9000)
        #expect(desired.instances["workspace-1"]!.ports[0].port == 9001)
        #expect(desired.instances["workspace-1"]!.ports[0].shared == false)
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

@Suite struct StoreWiringTests {
    let stores: [StoreKind: ManagedStore] = [
        .postgres: ManagedStore(
            kind: .postgres, port: 15432, command: ProcessCommand(executable: "/pg", arguments: ["-p", "15432"], stopSignal: 2),
            probeMode: .tcp),
        .redis: ManagedStore(kind: .redis, port: 16379, command: ProcessCommand(executable: "/redis", arguments: []), probeMode: .tcp),
    ]

    @Test func managedStoresBecomeInstancesThatStartFirst() {
        let context = PlanContext(deploymentName: "local", consulURL: "http://c", managedStores: stores)
        let desired = DesiredStatePlanner.plan(Fixtures.spec(), context: context)
        let pg = desired.instances["postgres-0"]!
        #expect(pg.command?.executable == "/pg")
        #expect(pg.command?.stopSignal == 2)
        #expect(pg.probeMode == .tcp)
        #expect(pg.store == .postgres)
        #expect(pg.ports.first?.port == 15432)
        #expect(desired.instances["elasticsearch-0"] == nil)  // not managed here: embedded store
        #expect(Array(desired.ordered.prefix(2).map(\.id)) == ["postgres-0", "redis-0"])
    }

    @Test func servicesGetTheURLsOfTheStoresTheyUse() {
        let context = PlanContext(deploymentName: "local", consulURL: "http://c", managedStores: stores)
        let desired = DesiredStatePlanner.plan(Fixtures.spec(), context: context)
        let setting = desired.instances["setting-0"]!.environment
        #expect(setting[ServiceEnvironmentKeys.postgresURL] == "postgres://postgres@127.0.0.1:15432/gws")
        #expect(setting[ServiceEnvironmentKeys.redisURL] == nil)
        let provisioning = desired.instances["provisioning-0"]!.environment
        #expect(provisioning[ServiceEnvironmentKeys.postgresURL] == "postgres://postgres@127.0.0.1:15432/prov")
        let workspace = desired.instances["workspace-0"]!.environment
        #expect(workspace[ServiceEnvironmentKeys.redisURL] == "redis://127.0.0.1:16379/0")
        #expect(workspace[ServiceEnvironmentKeys.postgresURL] == nil)
        #expect(desired.instances["tenant-0"]!.environment.keys.filter { $0.hasPrefix("GWS_POSTGRES") || $0.hasPrefix("GWS_REDIS") }.isEmpty)
    }

    @Test func postgresHAGivesServicesBothServersAndThePrimaryWanted() {
        var ha = stores
        ha[.postgres]?.companions = [
            ManagedStoreProcess(role: "postgres", ordinal: 1, port: 15433, command: ProcessCommand(executable: "/pg", arguments: []))
        ]
        let context = PlanContext(deploymentName: "local", consulURL: "http://c", managedStores: ha)
        let desired = DesiredStatePlanner.plan(Fixtures.spec(), context: context)
        #expect(desired.instances["postgres-1"]?.store == .postgres)
        #expect(desired.instances["postgres-1"]?.ports.first?.port == 15433)
        #expect(desired.instances["setting-0"]!.environment[ServiceEnvironmentKeys.postgresURL]
            == "postgres://postgres@127.0.0.1:15432,127.0.0.1:15433/gws?target_session_attrs=read-write")
        #expect(desired.instances["provisioning-0"]!.environment[ServiceEnvironmentKeys.postgresURL]
            == "postgres://postgres@127.0.0.1:15432,127.0.0.1:15433/prov?target_session_attrs=read-write")
    }

    @Test func externalStoresAreWiredWithUserTLSAndPasswordFilesNeverPasswords() {
        let spec = Fixtures.spec {
            $0.postgres = StoreBinding(address: "pg.example", port: 6432, db: "tenant", enableTls: true, user: "gws",
                                       passwordFrom: SecretReference(file: "/run/secrets/pg"))
            $0.redis = StoreBinding(address: "redis.example", enableTls: true)
            $0.elasticSearch = StoreBinding(address: "es.example")
        }
        let context = PlanContext(
            deploymentName: "local", consulURL: "http://c", secretFiles: [.postgres: "/run/secrets/pg"])
        let desired = DesiredStatePlanner.plan(spec, context: context)
        #expect(desired.instances["postgres-0"] == nil)
        let setting = desired.instances["setting-0"]!.environment
        #expect(setting[ServiceEnvironmentKeys.postgresURL] == "postgres://gws@pg.example:6432/tenant?sslmode=require")
        #expect(setting[ServiceEnvironmentKeys.postgresPasswordFile] == "/run/secrets/pg")
        let dc = desired.instances["datacollector-0"]!.environment
        #expect(dc[ServiceEnvironmentKeys.redisURL] == "rediss://redis.example:6379/0")
        #expect(dc[ServiceEnvironmentKeys.elasticsearchURL] == "http://es.example:9200")
    }

    @Test func changingAStoreCommandReplacesIt() {
        var moved = stores
        moved[.redis]!.command.arguments = ["--port", "1"]
        let a = DesiredStatePlanner.plan(Fixtures.spec(), context: PlanContext(deploymentName: "l", consulURL: "c", managedStores: stores))
        let b = DesiredStatePlanner.plan(Fixtures.spec(), context: PlanContext(deploymentName: "l", consulURL: "c", managedStores: moved))
        #expect(a.instances["redis-0"]!.configHash != b.instances["redis-0"]!.configHash)
        #expect(a.instances["postgres-0"]!.configHash == b.instances["postgres-0"]!.configHash)
    }
}
