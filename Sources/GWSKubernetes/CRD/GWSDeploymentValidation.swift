import GWSSpec

/// What the CRD checks beyond the generated schema: CEL rules
/// (`x-kubernetes-validations`) for what a schema cannot say, and the bounds
/// Kubernetes needs to estimate their cost.
///
/// Most rules mirror checks `SpecLoader` (or `gwsctl plan`) already makes on
/// local specs, so a spec is accepted or refused the same way in both modes;
/// the others are marked `mirrorsLocalValidation: false` and listed in
/// `docs/kubernetes.md`.
public enum GWSDeploymentValidation {
    /// Most entries a `context.env` map may hold in a custom resource (bounds the CEL cost).
    public static let maxEnvironmentEntries = 1024
    /// Most entries of `secrets`, and the longest Secret name (a DNS-1123 subdomain).
    public static let maxSecretEntries = 64
    public static let maxSecretNameLength = 253

    /// The rule on the resource's root: `metadata.name` is what `SpecLoader` accepts.
    public static let metadataName = CELRule(
        "size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
        message: "metadata.name must be a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)",
        mirrorsLocalValidation: true)

    /// Every patch to the rendered `spec` schema, in a stable order.
    public static var specPatches: [SchemaPatch] {
        var patches: [SchemaPatch] = [.rules(at: [], [PortClashRule.rule])]
        for role in RoleCatalog.all {
            let node = [role.isExternal ? "externals" : "gwsServices", role.key]
            patches.append(.rules(at: node, [portRangeFits("service.port")]))
            patches.append(
                SchemaPatch(
                    path: node + ["context", "env"],
                    rules: [environmentKeys(role)], entries: ["maxProperties": .int(maxEnvironmentEntries)]))
            patches += probeRules(at: node + ["probes"])
            if role.isExternal {
                patches.append(.rules(at: node + ["url"], [externalURL]))
            } else {
                patches.append(.rules(at: node + ["postgres", "passwordFrom"], [oneSecretSource]))
            }
            if role.role == RoleCatalog.proxy.role {
                patches.append(.rules(at: node, [portRangeFits("tls.port")]))
                patches.append(.rules(at: node + ["tls"], [certificateAndKey]))
            }
        }
        for store in StoreKind.allCases {
            patches.append(.rules(at: [store.specKey, "passwordFrom"], [oneSecretSource]))
        }
        patches += probeRules(at: ["probes"])
        patches.append(.rules(at: ["local"], [backoffBounds]))
        patches.append(
            SchemaPatch(
                path: ["secrets"],
                rules: [secretNames], entries: ["maxProperties": .int(maxSecretEntries)]))
        patches.append(SchemaPatch(path: ["secrets", "*"], entries: ["maxLength": .int(maxSecretNameLength)]))
        return patches
    }

    /// Every CEL rule, with the dotted path of the node it sits on.
    public static var allRules: [(path: String, rule: CELRule)] {
        var result: [(path: String, rule: CELRule)] = [("", metadataName)]
        for patch in specPatches {
            for rule in patch.rules { result.append((patch.dottedPath, rule)) }
        }
        return result
    }

    // MARK: - The rules

    /// A fixed port plus the replicas' offsets stays a port (`SemanticValidator`: "beyond 65535").
    static func portRangeFits(_ field: String) -> CELRule {
        let parts = field.split(separator: ".").map(String.init)
        let guardExpression = "has(self.\(parts[0])) && has(self.\(field))"
        return CELRule(
            "!(\(guardExpression)) || self.\(field) == 0 || self.\(field) + \(PortClashRule.replicaCount(of: "self")) - 1 <= 65535",
            message: "\(field) + replicaCount - 1 must not exceed 65535 (replica i listens on \(field) + i)",
            mirrorsLocalValidation: true)
    }

    static func environmentKeys(_ role: RoleDescriptor) -> CELRule {
        CELRule(
            "self.all(k, k.startsWith('GWS_'))",
            message: "environment keys follow GWS_<SERVICE>_<section>_<key>, e.g. GWS_\(role.envSegment)_<section>_<key>",
            mirrorsLocalValidation: true)
    }

    static let externalURL = CELRule(
        "size(self) == 0 || self.startsWith('http://') || self.startsWith('https://')",
        message: "url must be empty (run the stand-in) or start with http:// or https://",
        mirrorsLocalValidation: true)

    static let certificateAndKey = CELRule(
        "(has(self.certificateFile) && size(self.certificateFile) > 0) == (has(self.keyFile) && size(self.keyFile) > 0)",
        message: "set both certificateFile and keyFile, or neither",
        mirrorsLocalValidation: true)

    static let oneSecretSource = CELRule(
        "!(has(self.file) && size(self.file) > 0 && has(self.env) && size(self.env) > 0)",
        message: "passwordFrom: set file or env, not both",
        mirrorsLocalValidation: true)

    static let secretNames = CELRule(
        "self.all(k, self[k].matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'))",
        message: "secrets: each value names a Kubernetes Secret (a lowercase DNS-1123 subdomain)",
        mirrorsLocalValidation: false)

    static let liveOnce = CELRule(
        "!has(self.successThreshold) || self.successThreshold == 1",
        message: "successThreshold must be 1 for liveness and startup probes (Kubernetes)",
        mirrorsLocalValidation: false)

    static let backoffBounds = CELRule(
        "!has(self.restartBackoffBaseSeconds) || !has(self.restartBackoffMaxSeconds)"
            + " || self.restartBackoffBaseSeconds <= self.restartBackoffMaxSeconds",
        message: "restartBackoffBaseSeconds must not exceed restartBackoffMaxSeconds",
        mirrorsLocalValidation: false)

    static func probeRules(at path: [String]) -> [SchemaPatch] {
        [.rules(at: path + ["liveness"], [liveOnce]), .rules(at: path + ["startup"], [liveOnce])]
    }
}
