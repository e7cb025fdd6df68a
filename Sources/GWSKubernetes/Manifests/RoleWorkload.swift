import GWSReconciler
import GWSSpec

/// One enabled role as Kubernetes runs it: what its Deployment, Service,
/// ConfigMap, PDB and ServiceMonitor are made from.
///
/// The environment comes from `DesiredStatePlanner` (the same `GWS_*`
/// contract local mode uses); only what differs per pod or comes from a
/// Secret is replaced: `GWS_INSTANCE_ID` (the pod's name), `GWS_HOST` (the
/// pod's IP), the fixed container ports, and the files of mounted Secrets.
struct RoleWorkload: Sendable, Equatable {
    var role: RoleDescriptor
    var replicas: Int
    var labels: ObjectLabels
    /// The environment every pod of the role shares (the ConfigMap's data).
    var configData: [String: String]
    var probes: ResolvedProbes
    var resources: Resources?
    /// Secrets mounted as files, in a stable order.
    var mounts: [SecretBindings.Mount]
    var consulTokenSecret: String?
    /// The proxy's HTTPS listener.
    var https: Bool
    /// The Kubernetes Service's port (Genesys: `service.port`, default 80).
    var servicePort: Int
    var terminationGracePeriodSeconds: Int

    /// The ConfigMap and Service share the role's service name.
    var objectName: String { role.serviceName }
    var configMapName: String { "\(role.serviceName)-config" }

    /// Variables set per pod, not in the ConfigMap.
    static let perPodKeys: Set<String> = [ServiceEnvironmentKeys.instanceID, ServiceEnvironmentKeys.host]

    /// The workloads of every enabled role, in catalogue order (the proxy last).
    static func plan(_ loaded: LoadedSpec, options: RenderOptions, secrets: SecretBindings) -> [RoleWorkload] {
        typealias K = ServiceEnvironmentKeys
        var spec = loaded.spec
        // Plan one instance of every role, even one scaled to 0, to learn its environment.
        for (key, service) in spec.gwsServices where service.deployment.replicaCount == 0 {
            spec.gwsServices[key]?.deployment.replicaCount = 1
        }
        for (key, external) in spec.externals where external.deployment.replicaCount == 0 {
            spec.externals[key]?.deployment.replicaCount = 1
        }
        let context = PlanContext(
            deploymentName: loaded.name, consulURL: loaded.spec.consul.externalURL ?? "",
            defaultTLSCertificate: secrets.proxyCertificateFile, defaultTLSKey: secrets.proxyKeyFile,
            secretFiles: secrets.passwordFiles(), jwtSecretFile: secrets.jwtFile)
        let desired = DesiredStatePlanner.plan(spec, context: context)

        var workloads: [RoleWorkload] = []
        for role in RoleCatalog.all {
            guard let service = DesiredStatePlanner.serviceSpec(for: role, in: loaded.spec), service.enabled,
                let instance = desired.instances["\(role.role)-0"]
            else { continue }
            var env = instance.environment.filter { !$0.value.isEmpty && !perPodKeys.contains($0.key) }
            env[K.port] = String(RenderOptions.containerHTTPPort)
            let https = role.role == RoleCatalog.proxy.role && (service.tls?.enabled ?? false)
            if https {
                env[K.proxyTLSPort] = String(RenderOptions.containerHTTPSPort)
                env[K.proxyTLSCertificate] = secrets.proxyCertificateFile
                env[K.proxyTLSKey] = secrets.proxyKeyFile
            }
            var mounts = [secrets.jwt]
            for kind in StoreKind.allCases {
                guard let mount = secrets.storePasswords[kind],
                    env.values.contains(secrets.passwordFiles()[kind] ?? "")
                else { continue }
                mounts.append(mount)
            }
            if https { mounts.append(secrets.proxyTLS) }
            workloads.append(
                RoleWorkload(
                    role: role, replicas: max(0, service.deployment.replicaCount),
                    labels: ObjectLabels(
                        name: role.serviceName, instance: loaded.name, component: role.role,
                        managedBy: options.managedBy),
                    configData: env, probes: kubernetesProbes(instance.probes), resources: service.resources,
                    mounts: mounts, consulTokenSecret: secrets.consulToken, https: https,
                    servicePort: service.service.port == 0 ? 80 : service.service.port,
                    terminationGracePeriodSeconds: instance.terminationGracePeriodSeconds + options.drainSeconds))
        }
        return workloads
    }

    /// Kubernetes requires `successThreshold: 1` on liveness and startup probes.
    static func kubernetesProbes(_ probes: ResolvedProbes) -> ResolvedProbes {
        var result = probes
        result.liveness.successThreshold = 1
        result.startup.successThreshold = 1
        return result
    }
}
