/// What the controller keeps of a Deployment it owns: enough to see its
/// readiness change and to find its GWSDeployment (the controller owner).
/// A projection, so 1,000 deployments' Deployments cost little memory.
public struct OwnedDeployment: InformerObject {
    public var key: ObjectKey
    public var resourceVersion: String
    /// The GWSDeployment that controls it, if any.
    public var owner: ObjectKey?
    public var readyReplicas: Int

    public init(key: ObjectKey, resourceVersion: String, owner: ObjectKey?, readyReplicas: Int) {
        self.key = key
        self.resourceVersion = resourceVersion
        self.owner = owner
        self.readyReplicas = readyReplicas
    }

    public init(_ object: KubeObject) {
        var owner: ObjectKey?
        if let reference = object.controllerOwner, reference.kind == GWSDeploymentCRD.kind {
            owner = ObjectKey(namespace: object.namespace, name: reference.name)
        }
        self.init(
            key: object.key, resourceVersion: object.resourceVersion, owner: owner,
            readyReplicas: object.status?["readyReplicas"]?.intValue ?? 0)
    }
}
