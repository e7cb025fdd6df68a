import GWSSpec

/// The recommended `app.kubernetes.io/*` labels of one role's objects.
struct ObjectLabels: Sendable, Equatable {
    /// The Consul/Kubernetes service name (`gws-app-workspace`).
    var name: String
    /// `metadata.name` of the GWSDeployment.
    var instance: String
    /// The role (`workspace`).
    var component: String
    var managedBy: String

    /// What a Deployment, Service, PDB and ServiceMonitor select pods by (never changes for a role).
    var selector: Value {
        ["app.kubernetes.io/name": .string(name), "app.kubernetes.io/instance": .string(instance)]
    }

    /// Every label on the objects and pods.
    var all: Value {
        [
            "app.kubernetes.io/name": .string(name),
            "app.kubernetes.io/instance": .string(instance),
            "app.kubernetes.io/component": .string(component),
            "app.kubernetes.io/part-of": "gws",
            "app.kubernetes.io/managed-by": .string(managedBy),
        ]
    }

    /// `metadata` with this name, these labels and the namespace when given.
    func metadata(name objectName: String, namespace: String?) -> Value {
        var meta: [String: Value] = ["name": .string(objectName), "labels": all]
        if let namespace { meta["namespace"] = .string(namespace) }
        return .map(meta)
    }
}
