/// One kind of object the operator reads or writes, and the URL paths of its
/// collection and its objects (`/api/v1/...` for the core group,
/// `/apis/<group>/<version>/...` otherwise).
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    /// `""` for the core group.
    public var group: String
    public var version: String
    public var plural: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, plural: String, kind: String, namespaced: Bool = true) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    var prefix: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection: in `namespace`, or across all namespaces when `nil`.
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace { return "\(prefix)/namespaces/\(namespace)/\(plural)" }
        return "\(prefix)/\(plural)"
    }

    /// One object, optionally a subresource of it (`status`).
    public func objectPath(namespace: String?, name: String, subresource: String? = nil) -> String {
        let base = collectionPath(namespace: namespaced ? namespace : nil) + "/" + name
        guard let subresource else { return base }
        return base + "/" + subresource
    }
}

extension APIResource {
    /// Our custom resource, from the CRD's constants.
    public static let gwsDeployments = APIResource(
        group: GWSDeploymentCRD.group, version: GWSDeploymentCRD.version, plural: GWSDeploymentCRD.plural,
        kind: GWSDeploymentCRD.kind)
    public static let configMaps = APIResource(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap")
    public static let services = APIResource(group: "", version: "v1", plural: "services", kind: "Service")
    public static let events = APIResource(group: "", version: "v1", plural: "events", kind: "Event")
    public static let deployments = APIResource(group: "apps", version: "v1", plural: "deployments", kind: "Deployment")
    public static let podDisruptionBudgets = APIResource(
        group: "policy", version: "v1", plural: "poddisruptionbudgets", kind: "PodDisruptionBudget")
    public static let serviceMonitors = APIResource(
        group: "monitoring.coreos.com", version: "v1", plural: "servicemonitors", kind: "ServiceMonitor")
    public static let leases = APIResource(group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease")

    /// The kinds ``ManifestRenderer`` produces, in its apply order.
    public static let rendered: [APIResource] = [
        configMaps, services, deployments, podDisruptionBudgets, serviceMonitors,
    ]

    /// The resource of a rendered object (`apiVersion` + `kind`), if it is one we write.
    public static func forObject(apiVersion: String, kind: String) -> APIResource? {
        rendered.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }
}
