import GWSSpec

/// A Kubernetes object as the API returned it, with typed access to the
/// metadata the controller needs. The tree itself stays a ``Value``.
public struct KubeObject: Sendable, Equatable {
    public var raw: Value

    public init(_ raw: Value) { self.raw = raw }

    var metadata: Value { raw["metadata"] ?? .map([:]) }

    public var name: String { metadata["name"]?.stringValue ?? "" }
    public var namespace: String { metadata["namespace"]?.stringValue ?? "" }
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
    public var uid: String { metadata["uid"]?.stringValue ?? "" }
    public var resourceVersion: String { metadata["resourceVersion"]?.stringValue ?? "" }
    /// `metadata.generation` (0 when the server sets none).
    public var generation: Int { metadata["generation"]?.intValue ?? 0 }
    public var deletionTimestamp: String? { metadata["deletionTimestamp"]?.stringValue }
    public var isDeleting: Bool { deletionTimestamp != nil }
    public var finalizers: [String] { metadata["finalizers"]?.listValue?.compactMap(\.stringValue) ?? [] }
    public var labels: [String: String] {
        metadata["labels"]?.mapValue?.compactMapValues(\.stringValue) ?? [:]
    }
    public var apiVersion: String { raw["apiVersion"]?.stringValue ?? "" }
    public var kind: String { raw["kind"]?.stringValue ?? "" }
    public var spec: Value? { raw["spec"] }
    public var status: Value? { raw["status"] }

    /// The uids of the objects this one names in `metadata.ownerReferences`.
    public var ownerUIDs: [String] {
        metadata["ownerReferences"]?.listValue?.compactMap { $0["uid"]?.stringValue } ?? []
    }

    /// The owner marked `controller: true`, if any.
    public var controllerOwner: (kind: String, name: String, uid: String)? {
        for reference in metadata["ownerReferences"]?.listValue ?? [] where reference["controller"]?.boolValue == true {
            return (
                reference["kind"]?.stringValue ?? "", reference["name"]?.stringValue ?? "",
                reference["uid"]?.stringValue ?? ""
            )
        }
        return nil
    }

    /// The object without what the controller never reads and what can be
    /// large: `metadata.managedFields` and kubectl's last-applied annotation.
    public func trimmed() -> KubeObject {
        guard case .map(var top) = raw, case .map(var meta)? = top["metadata"] else { return self }
        meta["managedFields"] = nil
        if case .map(var annotations)? = meta["annotations"] {
            annotations["kubectl.kubernetes.io/last-applied-configuration"] = nil
            meta["annotations"] = annotations.isEmpty ? nil : .map(annotations)
        }
        top["metadata"] = .map(meta)
        return KubeObject(.map(top))
    }
}
