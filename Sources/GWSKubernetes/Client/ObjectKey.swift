/// What the work queue holds: an object's namespace and name (`ns/name`),
/// never the object itself, so a reconcile always reads the latest state.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `""` for cluster-scoped objects.
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}
