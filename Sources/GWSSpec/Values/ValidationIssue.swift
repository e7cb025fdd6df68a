/// One problem found by ``SchemaValidator``: where it is and what is wrong.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// The path of the offending value, such as `spec.gwsServices.gwsAppWorkspace.deployment.replicaCount`,
    /// `ports[2]` or `env["a.b"]`. For an unknown or missing key it is the path of the enclosing map.
    public var path: String
    /// What is wrong, such as `expected integer, got string "abc"`.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message` (just the message when the path is empty).
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
