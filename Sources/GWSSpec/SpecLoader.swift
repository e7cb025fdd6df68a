import Foundation

/// A values file by name and content (`gwsctl` reads the files and sends them).
public struct ValuesSource: Codable, Sendable, Equatable {
    public var name: String
    public var content: String

    public init(name: String, content: String) {
        self.name = name
        self.content = content
    }
}

/// A spec that passed every check.
public struct LoadedSpec: Sendable, Equatable {
    /// `metadata.name` (default `local`).
    public var name: String
    /// The user's layers merged, without the built-in defaults (what `--reuse-values` reuses).
    public var userValues: Value
    /// Defaults < user values: the complete tree.
    public var values: Value
    public var spec: DeploymentSpec

    public var deployment: GWSDeployment {
        GWSDeployment(metadata: ObjectMeta(name: name), spec: spec)
    }
}

/// Every problem found in a spec, each with its path.
public struct SpecErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [String]

    public init(_ issues: [String]) { self.issues = issues }

    public var description: String {
        "the spec has \(issues.count) error\(issues.count == 1 ? "" : "s"):\n"
            + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Layers values like Helm (built-in defaults < `-f` files left to right <
/// `--set`), validates the result and decodes it. Collects every error
/// before failing, and returns nothing to apply when there is any.
public enum SpecLoader {
    public static let defaultName = "local"

    public static func load(
        files: [ValuesSource] = [], set: [String] = [], setString: [String] = [], previous: Value? = nil,
        defaults: Value = LocalDefaults.values
    ) -> Result<LoadedSpec, SpecErrors> {
        var issues: [String] = []
        var layers: [Value] = []
        var name: String?
        if let previous { layers.append(previous) }

        for file in files {
            do {
                let document = try YAMLValuesLoader.load(yaml: file.content, source: file.name)
                let unwrapped = ResourceUnwrapper.unwrap(document, source: file.name)
                issues += unwrapped.issues
                if let n = unwrapped.name { name = n }
                layers.append(unwrapped.values)
            } catch {
                issues.append(error.description)
            }
        }

        var sets: Value = .map([:])
        for expression in set {
            do { sets = try HelmSetParser.parse(expression, into: sets) } catch { issues.append(error.description) }
        }
        for expression in setString {
            do { sets = try HelmSetParser.parse(expression, into: sets, typeInference: false) } catch {
                issues.append(error.description)
            }
        }
        layers.append(sets)

        let userValues = EnvironmentNormalizer.normalize(ValuesMerge.layer(layers))
        let full = ValuesMerge.merge(defaults, userValues)
        issues += SchemaValidator.validate(full, against: GWSSchema.spec, path: "spec").map(\.description)

        let deploymentName = name ?? defaultName
        if !Self.isDNSLabel(deploymentName) {
            issues.append(
                "metadata.name: \"\(deploymentName)\" must be a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)"
            )
        }
        guard issues.isEmpty else { return .failure(SpecErrors(issues)) }

        let spec: DeploymentSpec
        do {
            spec = try JSONDecoder().decode(DeploymentSpec.self, from: Data(full.jsonString().utf8))
        } catch {
            return .failure(SpecErrors(["spec: could not be decoded: \(error)"]))
        }
        issues += SemanticValidator.validate(spec)
        guard issues.isEmpty else { return .failure(SpecErrors(issues)) }
        return .success(LoadedSpec(name: deploymentName, userValues: userValues, values: full, spec: spec))
    }

    static func isDNSLabel(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 63, s.first != "-", s.last != "-" else { return false }
        return s.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }
}
