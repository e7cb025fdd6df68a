import GWSSpec

/// The objects a spec renders to, and what the user should know about them.
public struct RenderedManifests: Sendable, Equatable {
    /// Kubernetes objects, in apply order.
    public var documents: [Value]
    /// Things the objects cannot do (no Consul address, no store address…), for stderr.
    public var warnings: [String]

    public init(documents: [Value], warnings: [String] = []) {
        self.documents = documents
        self.warnings = warnings
    }

    /// A multi-document YAML stream: each object after `---`, keys sorted.
    public func yaml() -> String {
        documents.map { "---\n" + $0.yamlString() }.joined()
    }

    /// The objects of one kind, in order.
    public func objects(kind: String) -> [Value] {
        documents.filter { $0["kind"]?.stringValue == kind }
    }

    /// The object of `kind` named `name`.
    public func object(kind: String, name: String) -> Value? {
        documents.first { $0["kind"]?.stringValue == kind && $0["metadata"]?["name"]?.stringValue == name }
    }
}
