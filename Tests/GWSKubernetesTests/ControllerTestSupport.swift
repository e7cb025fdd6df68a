import GWSKubernetes
import GWSSpec

/// A GWSDeployment as the API server would return it.
func gwsd(
    _ name: String, namespace: String = "ns", rv: String, generation: Int = 1, uid: String = "uid-1",
    status: Value? = nil, finalizers: [String] = [], deleting: Bool = false
) -> KubeObject {
    var metadata: [String: Value] = [
        "name": .string(name), "namespace": .string(namespace), "resourceVersion": .string(rv),
        "generation": .int(generation), "uid": .string(uid),
    ]
    if !finalizers.isEmpty { metadata["finalizers"] = .list(finalizers.map(Value.string)) }
    if deleting { metadata["deletionTimestamp"] = "2026-11-29T08:00:00Z" }
    var object: [String: Value] = [
        "apiVersion": "gws.genesys.com/v1alpha1", "kind": "GWSDeployment", "metadata": .map(metadata),
        "spec": ["gwsServices": ["gwsAppWorkspace": ["deployment": ["replicaCount": .int(generation)]]]],
    ]
    if let status { object["status"] = status }
    return KubeObject(.map(object))
}

func key(_ name: String, _ namespace: String = "ns") -> ObjectKey { ObjectKey(namespace: namespace, name: name) }

/// The same, as the controller's informer keeps it.
func resource(
    _ name: String, rv: String, generation: Int = 1, uid: String = "uid-1", status: Value? = nil,
    finalizers: [String] = [], deleting: Bool = false
) -> GWSDeploymentObject {
    GWSDeploymentObject(
        gwsd(name, rv: rv, generation: generation, uid: uid, status: status, finalizers: finalizers, deleting: deleting)
    )
}
