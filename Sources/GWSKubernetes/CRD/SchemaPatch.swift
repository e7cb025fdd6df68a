import GWSSpec

/// A Kubernetes-only addition to one node of a rendered schema: CEL rules
/// (`x-kubernetes-validations`) and the bounds that keep their cost estimable
/// (`maxProperties`, `maxLength`), or list semantics for server-side apply.
///
/// The node is named by its property path from the schema's root
/// (`["gwsServices", "gwsAppWorkspace", "context", "env"]`); `[]` is the root,
/// and `"*"` names the `additionalProperties` schema of a map. Applying a patch
/// whose path the schema lacks is an error, so a rename in `GWSSchema` cannot
/// silently drop a rule.
public struct SchemaPatch: Sendable, Equatable {
    /// Property names from the root; `"*"` steps into `additionalProperties`, `"[]"` into `items`.
    public var path: [String]
    /// CEL rules appended to the node's `x-kubernetes-validations`.
    public var rules: [CELRule]
    /// Other keys set on the node (`maxProperties`, `maxLength`); a value already there is replaced.
    public var entries: [String: Value]

    public init(path: [String], rules: [CELRule] = [], entries: [String: Value] = [:]) {
        self.path = path
        self.rules = rules
        self.entries = entries
    }

    /// A patch that adds CEL rules.
    public static func rules(at path: [String], _ rules: [CELRule]) -> SchemaPatch {
        SchemaPatch(path: path, rules: rules)
    }

    /// The path as text for messages (`spec.gwsServices.gwsAppWorkspace`).
    public var dottedPath: String { (["spec"] + path).joined(separator: ".") }
}

/// One `x-kubernetes-validations` entry.
public struct CELRule: Sendable, Equatable {
    /// The CEL expression; `self` is the node the rule sits on.
    public var rule: String
    /// What the API server answers when the rule is false.
    public var message: String
    /// Whether `SpecLoader` makes the same check for local specs (`false`: Kubernetes only).
    public var mirrorsLocalValidation: Bool

    public init(_ rule: String, message: String, mirrorsLocalValidation: Bool) {
        self.rule = rule
        self.message = message
        self.mirrorsLocalValidation = mirrorsLocalValidation
    }

    var value: Value { ["rule": .string(rule), "message": .string(message)] }
}

/// Why a patch could not be applied.
public struct SchemaPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "schema patch at \(path): \(reason)" }
}

extension Value {
    /// This rendered schema with `patch` merged into the node it names.
    public func applying(_ patch: SchemaPatch) throws(SchemaPatchError) -> Value {
        try applying(patch, remaining: patch.path[...])
    }

    private func applying(_ patch: SchemaPatch, remaining: ArraySlice<String>) throws(SchemaPatchError) -> Value {
        guard case .map(var node) = self else {
            throw SchemaPatchError(path: patch.dottedPath, reason: "a step is not a schema object")
        }
        guard let step = remaining.first else {
            for (key, value) in patch.entries { node[key] = value }
            if !patch.rules.isEmpty {
                let key = "x-kubernetes-validations"
                node[key] = .list((node[key]?.listValue ?? []) + patch.rules.map(\.value))
            }
            return .map(node)
        }
        let rest = remaining.dropFirst()
        switch step {
        case "*":
            guard let child = node["additionalProperties"], child.mapValue != nil else {
                throw SchemaPatchError(path: patch.dottedPath, reason: "no additionalProperties schema to step into")
            }
            node["additionalProperties"] = try child.applying(patch, remaining: rest)
        case "[]":
            guard let child = node["items"] else {
                throw SchemaPatchError(path: patch.dottedPath, reason: "no items schema to step into")
            }
            node["items"] = try child.applying(patch, remaining: rest)
        default:
            guard case .map(var properties)? = node["properties"], let child = properties[step] else {
                throw SchemaPatchError(path: patch.dottedPath, reason: "no property \"\(step)\"")
            }
            properties[step] = try child.applying(patch, remaining: rest)
            node["properties"] = .map(properties)
        }
        return .map(node)
    }
}
