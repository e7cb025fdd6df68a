import GWSKubernetes
import GWSSpec
import Testing

/// The objects `gwsctl template` renders, object by object.
@Suite struct ManifestRendererTests {
    @Test func oneDeploymentServiceAndConfigMapPerEnabledRole() throws {
        let rendered = try render([clusterSpec])
        let enabled = RoleCatalog.all.filter(\.enabledByDefault).map(\.serviceName)
        for kind in ["Deployment", "Service"] {
            #expect(rendered.objects(kind: kind).compactMap { $0.at("metadata.name")?.stringValue } == enabled)
        }
        #expect(rendered.objects(kind: "ConfigMap").count == enabled.count)
        #expect(rendered.object(kind: "Deployment", name: "gws-platform-ocs") == nil)  // off by default
        // Kinds in apply order: ConfigMaps, Services, Deployments.
        let kinds = rendered.documents.compactMap { $0["kind"]?.stringValue }
        #expect(kinds == kinds.sorted { ["ConfigMap", "Service", "Deployment"].firstIndex(of: $0)! < ["ConfigMap", "Service", "Deployment"].firstIndex(of: $1)! })
    }

    @Test func rolesFollowEnabledAndExternalURLs() throws {
        let rendered = try render(
            [clusterSpec],
            set: ["gwsServices.gwsPlatformOcs.enabled=true", "gwsServices.gwsPlatformIxn.enabled=false",
                  "externals.auth.url=https://gauth.example.com"])
        #expect(rendered.object(kind: "Deployment", name: "gws-platform-ocs") != nil)
        #expect(rendered.object(kind: "Deployment", name: "gws-platform-ixn") == nil)
        #expect(rendered.object(kind: "Deployment", name: "gws-core-auth") == nil)  // the real one is used
        let config = try #require(rendered.object(kind: "ConfigMap", name: "gws-app-workspace-config"))
        #expect(config.at("data.GWS_SERVICE_AUTH_URL") == "https://gauth.example.com")
    }

    @Test func deploymentCarriesReplicasImageArgsAndPorts() throws {
        let options = RenderOptions(image: "registry.example.com/gws/gws-service", imageTag: "1.2.3", imagePullPolicy: "Always",
                                    imagePullSecrets: ["regcred"], namespace: "gws")
        let rendered = try render([clusterSpec], set: ["gwsServices.gwsAppWorkspace.deployment.replicaCount=3"], options: options)
        let deployment = try #require(rendered.object(kind: "Deployment", name: "gws-app-workspace"))
        #expect(deployment.at("metadata.namespace") == "gws")
        #expect(deployment.at("spec.replicas") == 3)
        #expect(deployment.at("spec.selector.matchLabels") == [
            "app.kubernetes.io/name": "gws-app-workspace", "app.kubernetes.io/instance": "local",
        ])
        #expect(deployment.at("spec.strategy.rollingUpdate.maxUnavailable") == 0)
        let container = try #require(deployment.at("spec.template.spec.containers.0"))
        #expect(container["image"] == "registry.example.com/gws/gws-service:1.2.3")
        #expect(container["imagePullPolicy"] == "Always")
        #expect(container["args"] == ["workspace"])
        #expect(container.at("ports.0") == ["name": "http", "containerPort": 8080, "protocol": "TCP"])
        #expect(container.at("envFrom.0.configMapRef.name") == "gws-app-workspace-config")
        #expect(deployment.at("spec.template.spec.imagePullSecrets") == [["name": "regcred"]])
    }

    @Test func environmentIsThePlannersWithPerPodValuesFromTheDownwardAPI() throws {
        let rendered = try render([clusterSpec], set: ["gwsServices.gwsAppWorkspace.context.env.GWS_WORKSPACE_a_b=7"])
        let data = try #require(rendered.object(kind: "ConfigMap", name: "gws-app-workspace-config")?["data"])
        #expect(data["GWS_ROLE"] == "workspace")
        #expect(data["GWS_SERVICE_NAME"] == "gws-app-workspace")
        #expect(data["GWS_PORT"] == "8080")
        #expect(data["GWS_CONSUL_URL"] == "http://consul.svc:8500")
        #expect(data["GWS_REDIS_URL"] == "redis://redis.svc:6379/0")
        #expect(data["GWS_WORKSPACE_a_b"] == "7")
        #expect(data["GWS_DEPLOYMENT_NAME"] == "local")
        #expect(data["GWS_AUTH_JWT_SECRET_FILE"] == "/var/run/secrets/gws/jwt/key")
        #expect(data["GWS_HOST"] == nil)  // per pod
        #expect(data["GWS_INSTANCE_ID"] == nil)
        let env = try #require(rendered.object(kind: "Deployment", name: "gws-app-workspace")?
            .at("spec.template.spec.containers.0.env"))
        #expect(env.named("GWS_INSTANCE_ID")?.at("valueFrom.fieldRef.fieldPath") == "metadata.name")
        #expect(env.named("GWS_HOST")?.at("valueFrom.fieldRef.fieldPath") == "status.podIP")
    }

    @Test func probesComeFromTheSpecWithKubernetesThresholds() throws {
        let rendered = try render(
            [clusterSpec],
            set: ["probes.readiness.periodSeconds=10", "probes.readiness.timeoutSeconds=3",
                  "gwsServices.gwsAppWorkspace.probes.liveness.initialDelaySeconds=30",
                  "probes.liveness.successThreshold=2"])
        let container = try #require(rendered.object(kind: "Deployment", name: "gws-app-workspace")?
            .at("spec.template.spec.containers.0"))
        #expect(container.at("readinessProbe.httpGet") == ["path": "/readyz", "port": "http"])
        #expect(container.at("readinessProbe.periodSeconds") == 10)
        #expect(container.at("readinessProbe.timeoutSeconds") == 3)
        #expect(container.at("livenessProbe.httpGet.path") == "/livez")
        #expect(container.at("livenessProbe.initialDelaySeconds") == 30)
        #expect(container.at("livenessProbe.successThreshold") == 1)  // clamped, with a warning
        #expect(container.at("startupProbe.failureThreshold") == 30)  // local default
        let other = try #require(rendered.object(kind: "Deployment", name: "gws-app-provisioning"))
        #expect(other.at("spec.template.spec.containers.0.livenessProbe.initialDelaySeconds") == 0)
        #expect(rendered.warnings.contains { $0.contains("successThreshold must be 1") })
    }

    @Test func podsDrainSpreadAndRunRestricted() throws {
        let rendered = try render([clusterSpec], options: RenderOptions(drainSeconds: 7))
        let pod = try #require(rendered.object(kind: "Deployment", name: "gws-app-workspace")?.at("spec.template.spec"))
        #expect(pod.at("containers.0.lifecycle.preStop.sleep.seconds") == 7)
        #expect(pod["terminationGracePeriodSeconds"] == 17)  // local.terminationGracePeriodSeconds + drain
        let spread = pod["topologySpreadConstraints"]?.listValue ?? []
        #expect(spread.compactMap { $0["topologyKey"]?.stringValue } == ["topology.kubernetes.io/zone", "kubernetes.io/hostname"])
        #expect(pod.at("affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.0.podAffinityTerm.topologyKey")
            == "topology.kubernetes.io/zone")
        #expect(pod.at("securityContext.runAsNonRoot") == true)
        #expect(pod.at("containers.0.securityContext.readOnlyRootFilesystem") == true)
        #expect(pod["automountServiceAccountToken"] == false)
    }

    @Test func resourcesPassThrough() throws {
        let rendered = try render(
            [clusterSpec + "\ngwsServices:\n  gwsAppWorkspace:\n    resources:\n      requests: {cpu: 500m, memory: 1Gi}\n      limits: {memory: 2Gi}\n"])
        let container = try #require(rendered.object(kind: "Deployment", name: "gws-app-workspace")?
            .at("spec.template.spec.containers.0"))
        #expect(container["resources"] == ["requests": ["cpu": "500m", "memory": "1Gi"], "limits": ["memory": "2Gi"]])
        let other = try #require(rendered.object(kind: "Deployment", name: "gws-app-provisioning"))
        #expect(other.at("spec.template.spec.containers.0.resources") == nil)
    }

    @Test func outputIsDeterministicAndSorted() throws {
        let a = try render([clusterSpec]).yaml()
        let b = try render([clusterSpec]).yaml()
        #expect(a == b)
        #expect(a.hasPrefix("---\napiVersion: v1\ndata:\n"))  // keys sorted: apiVersion, data, kind, metadata
        #expect(a.components(separatedBy: "\n---\n").count == 36)
    }

    @Test func configChangesChangeThePodTemplateHash() throws {
        func hash(_ set: [String]) throws -> Value? {
            try render([clusterSpec], set: set).object(kind: "Deployment", name: "gws-app-workspace")?
                .at("spec.template.metadata.annotations")?["gws.genesys.com/config-hash"]
        }
        let base = try hash([])
        #expect(base != nil)
        #expect(try hash([]) == base)
        #expect(try hash(["gwsServices.gwsAppWorkspace.context.env.GWS_WORKSPACE_x_y=1"]) != base)
        #expect(try hash(["gwsServices.gwsAppProvisioning.context.env.GWS_PROVISIONING_x_y=1"]) == base)
    }
}
