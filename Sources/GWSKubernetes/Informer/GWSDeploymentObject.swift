import GWSSpec

/// What the controller keeps of a GWSDeployment: its metadata, its spec as
/// JSON text (what the spec loader reads) and its parsed status. Compact on
/// purpose: a ``Value`` tree of each of 1,000 resources would cost ~20 MB.
public struct GWSDeploymentObject: InformerObject {
    public var key: ObjectKey
    public var uid: String
    public var resourceVersion: String
    public var generation: Int
    public var deletionTimestamp: String?
    public var finalizers: [String]
    public var apiVersion: String
    /// `spec` as compact JSON (`{}` when absent).
    public var specJSON: String
    public var status: GWSDeploymentStatus?

    public init(_ object: KubeObject) {
        key = object.key
        uid = object.uid
        resourceVersion = object.resourceVersion
        generation = object.generation
        deletionTimestamp = object.deletionTimestamp
        finalizers = object.finalizers
        apiVersion = object.apiVersion.isEmpty ? GWSDeployment.apiVersionV1 : object.apiVersion
        specJSON = (object.spec ?? .map([:])).jsonString()
        status = GWSDeploymentStatus(value: object.status)
    }

    public var name: String { key.name }
    public var namespace: String { key.namespace }
    public var kind: String { GWSDeploymentCRD.kind }
    public var isDeleting: Bool { deletionTimestamp != nil }
}
