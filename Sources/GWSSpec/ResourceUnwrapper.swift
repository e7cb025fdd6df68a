/// A values file is either bare Helm values or a whole `GWSDeployment`
/// resource; this takes the values (its `spec`) and name out of the latter.
enum ResourceUnwrapper {
    struct Unwrapped {
        var values: Value
        var name: String?
        var issues: [String]
    }

    static let resourceKeys = ["apiVersion", "kind", "metadata", "spec", "status"]

    static func unwrap(_ document: Value, source: String) -> Unwrapped {
        guard case .map(let top) = document else {
            if document.isNull { return Unwrapped(values: .map([:]), name: nil, issues: []) }
            return Unwrapped(
                values: .map([:]), name: nil,
                issues: ["\(source): expected a mapping at the top level, got \(document.typeName)"])
        }
        let looksLikeResource = top["kind"] != nil || (top["spec"] != nil && top["apiVersion"] != nil)
        guard looksLikeResource else { return Unwrapped(values: document, name: nil, issues: []) }

        var issues: [String] = []
        if let kind = top["kind"], kind != .string(GWSDeployment.kindName) {
            issues.append("\(source): kind: expected \"\(GWSDeployment.kindName)\", got \(kind.jsonString())")
        }
        if let version = top["apiVersion"], version != .string(GWSDeployment.apiVersionV1) {
            issues.append(
                "\(source): apiVersion: expected \"\(GWSDeployment.apiVersionV1)\", got \(version.jsonString())")
        }
        for key in top.keys.sorted() where !resourceKeys.contains(key) {
            let hint = DidYouMean.suggestion(for: key, among: resourceKeys).map { " (did you mean \"\($0)\"?)" } ?? ""
            issues.append("\(source): unknown top-level key \"\(key)\"\(hint)")
        }
        var name: String?
        if let metadata = top["metadata"] {
            if case .map(let m) = metadata {
                if let n = m["name"] {
                    if case .string(let s) = n { name = s } else {
                        issues.append("\(source): metadata.name: expected string, got \(n.typeName)")
                    }
                }
            } else if !metadata.isNull {
                issues.append("\(source): metadata: expected map, got \(metadata.typeName)")
            }
        }
        let spec = top["spec"] ?? .map([:])
        return Unwrapped(values: spec.isNull ? .map([:]) : spec, name: name, issues: issues)
    }
}

/// Helm renders `context.env` values as strings; so do we: `30000` and
/// `true` in an env map become `"30000"` and `"true"`.
enum EnvironmentNormalizer {
    static func normalize(_ values: Value) -> Value {
        var result = values
        for section in ["gwsServices", "externals"] {
            guard case .map(let services)? = values[key: section] else { continue }
            for (service, settings) in services {
                let path: [PathComponent] = [.key(section), .key(service), .key("context"), .key("env")]
                guard case .map(let env)? = settings.value(at: [.key("context"), .key("env")]) else { continue }
                var normalized: [String: Value] = [:]
                for (k, v) in env {
                    switch v {
                    case .int(let i): normalized[k] = .string(String(i))
                    case .double(let d): normalized[k] = .string(String(d))
                    case .bool(let b): normalized[k] = .string(String(b))
                    default: normalized[k] = v
                    }
                }
                result = result.setting(.map(normalized), at: path)
            }
        }
        return result
    }
}
