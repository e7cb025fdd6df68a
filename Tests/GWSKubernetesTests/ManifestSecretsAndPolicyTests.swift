import GWSKubernetes
import GWSSpec
import Testing

/// Secrets, Services, PodDisruptionBudgets and ServiceMonitors.
@Suite struct ManifestSecretsAndPolicyTests {
    let secretsSpec = clusterSpec + """

        secrets:
          postgresPassword: pg-pass
          redisPassword: redis-pass
          consulToken: consul-acl
          proxyTls: proxy-cert
          legacyThing: whatever
        """

    @Test func secretsReachPodsAsFilesAndSecretKeyRefsNeverAsValues() throws {
        let rendered = try render([secretsSpec])
        let workspace = try #require(rendered.object(kind: "Deployment", name: "gws-app-workspace")?.at("spec.template.spec"))
        let volumes = workspace["volumes"]
        #expect(volumes?.named("secret-redis")?.at("secret.secretName") == "redis-pass")
        #expect(volumes?.named("secret-jwt")?.at("secret.secretName") == .string(SecretBindings.defaultJWTSecret))
        #expect(volumes?.named("secret-postgres") == nil)  // workspace uses Redis only
        #expect(workspace.at("containers.0.volumeMounts")?.named("secret-redis")?["mountPath"] == "/var/run/secrets/gws/redis")
        #expect(workspace.at("containers.0.env")?.named("GWS_CONSUL_TOKEN")?.at("valueFrom.secretKeyRef")
            == ["name": "consul-acl", "key": "token"])
        let data = try #require(rendered.object(kind: "ConfigMap", name: "gws-app-workspace-config")?["data"])
        #expect(data["GWS_REDIS_PASSWORD_FILE"] == "/var/run/secrets/gws/redis/password")

        let provisioning = try #require(rendered.object(kind: "Deployment", name: "gws-app-provisioning"))
        #expect(provisioning.at("spec.template.spec.volumes")?.named("secret-postgres")?.at("secret.secretName") == "pg-pass")
        #expect(rendered.warnings.contains { $0.contains("spec.secrets.legacyThing") })
        // No Secret object is rendered: Secrets are the user's, referenced by name.
        #expect(rendered.objects(kind: "Secret").isEmpty)
    }

    @Test func storePasswordsFromLocalSourcesAreNotCarriedOver() throws {
        let rendered = try render([clusterSpec], set: ["postgres.passwordFrom.env=PGPASSWORD"])
        let provisioning = try #require(rendered.object(kind: "ConfigMap", name: "gws-app-provisioning-config"))
        #expect(provisioning.at("data.GWS_POSTGRES_PASSWORD_FILE") == nil)
        #expect(!rendered.yaml().contains("PGPASSWORD"))
        #expect(rendered.warnings.contains { $0.contains("spec.postgres.passwordFrom is for local mode") })
    }

    @Test func proxyServiceUsesGenesysPortsAndTLSFromItsSecret() throws {
        let rendered = try render([secretsSpec])
        let service = try #require(rendered.object(kind: "Service", name: "gws-service-proxy"))
        let ports = service.at("spec.ports")?.listValue ?? []
        #expect(ports.map { $0["port"] } == [80, 81, 443])
        #expect(ports.map { $0["targetPort"] } == ["http", "http", "https"])
        let pod = try #require(rendered.object(kind: "Deployment", name: "gws-service-proxy")?.at("spec.template.spec"))
        #expect(pod.at("containers.0.ports.1") == ["name": "https", "containerPort": 8443, "protocol": "TCP"])
        #expect(pod["volumes"]?.named("secret-tls")?.at("secret.secretName") == "proxy-cert")
        let data = try #require(rendered.object(kind: "ConfigMap", name: "gws-service-proxy-config")?["data"])
        #expect(data["GWS_PROXY_TLS_PORT"] == "8443")
        #expect(data["GWS_PROXY_TLS_CERT"] == "/etc/gws/tls/tls.crt")
        #expect(data["GWS_PROXY_ROUTES"]?.stringValue?.contains("\"/workspace/v3\"") == true)

        let plain = try render([clusterSpec], set: ["gwsServices.gwsServiceProxy.tls.enabled=false"])
        #expect(plain.object(kind: "Service", name: "gws-service-proxy")?.at("spec.ports")?.listValue?.count == 2)
        #expect(plain.object(kind: "ConfigMap", name: "gws-service-proxy-config")?.at("data.GWS_PROXY_TLS_PORT") == nil)
    }

    @Test func roleServicesUseServicePortOr80() throws {
        let rendered = try render([clusterSpec], set: ["gwsServices.gwsAppWorkspace.service.port=8100"])
        #expect(rendered.object(kind: "Service", name: "gws-app-workspace")?.at("spec.ports.0")
            == ["name": "http", "port": 8100, "targetPort": "http", "protocol": "TCP"])
        #expect(rendered.object(kind: "Service", name: "gws-platform-setting")?.at("spec.ports.0.port") == 80)
        #expect(rendered.object(kind: "Service", name: "gws-app-workspace")?.at("spec.selector")
            == rendered.object(kind: "Deployment", name: "gws-app-workspace")?.at("spec.selector.matchLabels"))
    }

    @Test func disruptionBudgetsOnlyForReplicatedRoles() throws {
        let rendered = try render([clusterSpec], set: ["gwsServices.gwsAppWorkspace.deployment.replicaCount=3"])
        let budgets = rendered.objects(kind: "PodDisruptionBudget")
        #expect(budgets.compactMap { $0.at("metadata.name")?.stringValue } == ["gws-app-workspace"])
        #expect(budgets.first?.at("spec.maxUnavailable") == 1)
        #expect(budgets.first?["apiVersion"] == "policy/v1")
    }

    @Test func serviceMonitorsOnlyWhenAskedFor() throws {
        #expect(try render([clusterSpec]).objects(kind: "ServiceMonitor").isEmpty)
        let rendered = try render([clusterSpec], options: RenderOptions(serviceMonitors: true))
        let monitors = rendered.objects(kind: "ServiceMonitor")
        #expect(monitors.count == rendered.objects(kind: "Deployment").count)
        #expect(monitors.first?["apiVersion"] == "monitoring.coreos.com/v1")
        #expect(monitors.first?.at("spec.endpoints.0.path") == "/metrics")
        #expect(rendered.documents.last?["kind"] == "ServiceMonitor")
    }

    @Test func roleScaledToZeroStillHasItsObjects() throws {
        let rendered = try render([clusterSpec], set: ["gwsServices.gwsPlatformIxn.deployment.replicaCount=0"])
        #expect(rendered.object(kind: "Deployment", name: "gws-platform-ixn")?.at("spec.replicas") == 0)
        #expect(rendered.object(kind: "ConfigMap", name: "gws-platform-ixn-config")?.at("data.GWS_ROLE") == "ixn")
    }

    @Test func missingClusterServicesAreWarnedAbout() throws {
        let rendered = try render()
        #expect(rendered.warnings.contains { $0.hasPrefix("spec.consul.address is empty") })
        #expect(rendered.warnings.contains { $0.hasPrefix("spec.postgres.address is empty") })
        #expect(try render([clusterSpec]).warnings.isEmpty)
    }

    @Test func localModeStoreHAIsWarnedAboutNotRendered() throws {
        let rendered = try render(set: ["postgres.ha.enabled=true", "redis.sentinel.enabled=true"])
        #expect(rendered.warnings.contains { $0.hasPrefix("spec.postgres.ha is for local mode") }, "\(rendered.warnings)")
        #expect(rendered.warnings.contains { $0.hasPrefix("spec.redis.sentinel is for local mode") }, "\(rendered.warnings)")
        #expect(rendered.objects(kind: "StatefulSet").isEmpty, "no store is rendered")
    }
}
