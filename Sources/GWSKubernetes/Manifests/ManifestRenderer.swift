import GWSReconciler
import GWSSpec

/// A validated spec → the Kubernetes objects that run it: per enabled role a
/// ConfigMap, a Service (Genesys's name, e.g. `gws-app-workspace`), a
/// Deployment, a PodDisruptionBudget when it has two replicas or more, and
/// optionally a ServiceMonitor. Pure and deterministic: the same spec and
/// options give the same objects in the same order.
public struct ManifestRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The order objects are written in (Helm's install order for these kinds).
    static let kindOrder = ["ConfigMap", "Service", "Deployment", "PodDisruptionBudget", "ServiceMonitor"]

    public func render(_ loaded: LoadedSpec) -> RenderedManifests {
        let secrets = SecretBindings(values: loaded.values)
        let workloads = RoleWorkload.plan(loaded, options: options, secrets: secrets)
        var byKind: [String: [Value]] = [:]
        for workload in workloads {
            byKind["ConfigMap", default: []].append(configMap(workload))
            byKind["Service", default: []].append(service(workload))
            byKind["Deployment", default: []].append(deployment(workload))
            if workload.replicas >= 2 {
                byKind["PodDisruptionBudget", default: []].append(podDisruptionBudget(workload))
            }
            if options.serviceMonitors {
                byKind["ServiceMonitor", default: []].append(serviceMonitor(workload))
            }
        }
        let documents = Self.kindOrder.flatMap { byKind[$0] ?? [] }
        return RenderedManifests(documents: documents, warnings: warnings(loaded, secrets: secrets, workloads: workloads))
    }

    /// What the objects cannot carry out, said once on stderr (never in the YAML).
    func warnings(_ loaded: LoadedSpec, secrets: SecretBindings, workloads: [RoleWorkload]) -> [String] {
        var warnings: [String] = []
        let spec = loaded.spec
        if spec.consul.externalURL == nil {
            warnings.append(
                "spec.consul.address is empty: Kubernetes mode has no embedded registry yet, so services get no "
                    + "GWS_CONSUL_URL and do not register; set it to your Consul agent")
        }
        let bindings: [(StoreKind, StoreBinding?)] = [
            (.postgres, spec.postgres), (.redis, spec.redis), (.elasticsearch, spec.elasticSearch),
        ]
        for (kind, binding) in bindings {
            let users = workloads.filter { $0.role.stores.contains(kind) }.map(\.role.role)
            if (binding?.address ?? "").isEmpty, !users.isEmpty {
                warnings.append(
                    "spec.\(kind.specKey).address is empty: Kubernetes mode runs no stores, so "
                        + "\(users.joined(separator: ", ")) get no \(kind.rawValue) URL")
            }
            if let binding, !binding.passwordFrom.isEmpty {
                warnings.append(
                    "spec.\(kind.specKey).passwordFrom is for local mode; in Kubernetes name a Secret in "
                        + "spec.secrets.\(kind.specKey)Password")
            }
        }
        if spec.postgres?.ha?.enabled == true {
            warnings.append(
                "spec.postgres.ha is for local mode (a primary and a standby the operator runs); in Kubernetes "
                    + "point spec.postgres.address at your highly available PostgreSQL's primary service")
        }
        if spec.redis?.sentinel?.enabled == true {
            warnings.append(
                "spec.redis.sentinel is for local mode (a master, replicas and Sentinels the operator runs); in "
                    + "Kubernetes point spec.redis.address at your Redis master's service")
        }
        for key in secrets.unknownKeys {
            warnings.append(
                "spec.secrets.\(key) is not used in Kubernetes mode (known: \(SecretBindings.knownKeys.joined(separator: ", ")))")
        }
        if let context = loaded.values["deploymentGlobals"]?["securityContext"]?.mapValue, !context.isEmpty {
            warnings.append("spec.deploymentGlobals.securityContext is not rendered: pods get a restricted securityContext")
        }
        for workload in workloads {
            let original = DesiredStatePlanner.serviceSpec(for: workload.role, in: spec)?.probes ?? ProbeSet()
            let resolved = original.resolved(over: spec.probes)
            if resolved.liveness.successThreshold != 1 || resolved.startup.successThreshold != 1 {
                warnings.append(
                    "\(workload.role.key): liveness and startup successThreshold must be 1 in Kubernetes; rendered as 1")
            }
        }
        return warnings
    }
}
