import GWSSpec

/// The CEL rule that mirrors `SemanticValidator`'s port check on a whole
/// spec: every fixed port (`service.port` ≠ 0 of an enabled role, the proxy's
/// `tls.port`, the embedded Consul registry's `port`) claims a range
/// `[port, port + replicas)` (replica *i* listens on `port + i`), and no two
/// ranges may overlap.
///
/// Kubernetes' CEL has no `let` in every version we support, so the list of
/// claims is written out twice; every field access is guarded with `has()`
/// because a custom resource need not spell out its parents.
enum PortClashRule {
    /// `[port, count, index]` for one claimant, or `[0, 0, index]` when it claims nothing.
    struct Claim {
        var condition: String
        var port: String
        var count: String
    }

    static var rule: CELRule {
        let entries = claims.enumerated().map { index, claim in
            "(\(claim.condition) ? [\(claim.port), \(claim.count), \(index)] : [0, 0, \(index)])"
        }
        let list = "[" + entries.joined(separator: ", ") + "]"
        let overlap = "a[2] == b[2] || a[0] == 0 || b[0] == 0 || a[0] + a[1] <= b[0] || b[0] + b[1] <= a[0]"
        return CELRule(
            "\(list).all(a, \(list).all(b, \(overlap)))",
            message:
                "fixed ports clash: replica i of a role with service.port p listens on p+i, and no two roles "
                + "(nor the proxy's tls.port or the embedded Consul port) may share one",
            mirrorsLocalValidation: true)
    }

    static var claims: [Claim] {
        var claims: [Claim] = []
        for role in RoleCatalog.all {
            let section = role.isExternal ? "externals" : "gwsServices"
            let node = "self.\(section).\(role.key)"
            var present = "has(self.\(section)) && has(\(node))"
            present += role.enabledByDefault
                ? " && (!has(\(node).enabled) || \(node).enabled)"
                : " && has(\(node).enabled) && \(node).enabled"
            if role.isExternal { present += " && (!has(\(node).url) || size(\(node).url) == 0)" }
            let replicas = replicaCount(of: node)
            claims.append(
                Claim(
                    condition: "\(present) && has(\(node).service) && has(\(node).service.port)",
                    port: "\(node).service.port", count: replicas))
            if role.role == RoleCatalog.proxy.role {
                claims.append(
                    Claim(
                        condition: "\(present) && has(\(node).tls) && (!has(\(node).tls.enabled) || \(node).tls.enabled)"
                            + " && has(\(node).tls.port)",
                        port: "\(node).tls.port", count: replicas))
            }
        }
        claims.append(
            Claim(
                condition: "has(self.consul) && has(self.consul.port)"
                    + " && (!has(self.consul.address) || size(self.consul.address) == 0)",
                port: "self.consul.port", count: "1"))
        return claims
    }

    /// `max(1, replicaCount)` of the role at `node` (1 when unset).
    static func replicaCount(of node: String) -> String {
        "(has(\(node).deployment) && has(\(node).deployment.replicaCount) && \(node).deployment.replicaCount > 0"
            + " ? \(node).deployment.replicaCount : 1)"
    }
}
