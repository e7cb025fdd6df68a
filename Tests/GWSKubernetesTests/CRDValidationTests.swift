import GWSKubernetes
import GWSSpec
import Testing

/// Where the CEL rules sit. Whether they accept and refuse the right specs is
/// checked by evaluating them (hack/pytests/test_kubernetes_manifests.py, with cel-python).
@Suite struct CRDValidationTests {
    func rules(at path: String) -> [String] {
        GWSDeploymentValidation.allRules.filter { $0.path == path }.map(\.rule.rule)
    }

    @Test func everyPatchNamesANodeOfTheSchema() throws {
        var schema = GWSSchema.spec.jsonSchema(dialect: .openAPIV3)
        for patch in GWSDeploymentValidation.specPatches { schema = try schema.applying(patch) }
        #expect(throws: SchemaPatchError.self) {
            try schema.applying(.rules(at: ["gwsServices", "noSuchRole"], [GWSDeploymentValidation.metadataName]))
        }
        #expect(throws: SchemaPatchError.self) {
            try schema.applying(SchemaPatch(path: ["probes", "*"], entries: ["maxLength": 1]))
        }
    }

    @Test func everyRoleGetsItsPortEnvironmentAndProbeRules() {
        for role in RoleCatalog.all {
            let node = "spec.\(role.isExternal ? "externals" : "gwsServices").\(role.key)"
            #expect(rules(at: node).contains { $0.contains("self.service.port + ") }, "\(node)")
            #expect(rules(at: "\(node).context.env") == ["self.all(k, k.startsWith('GWS_'))"], "\(node)")
            #expect(rules(at: "\(node).probes.liveness").count == 1, "\(node)")
            #expect(rules(at: "\(node).probes.startup").count == 1, "\(node)")
            if role.isExternal { #expect(rules(at: "\(node).url").count == 1) }
        }
        #expect(rules(at: "spec.gwsServices.gwsServiceProxy.tls").count == 1)
        #expect(rules(at: "spec.gwsServices.gwsServiceProxy").count == 2)  // service.port and tls.port ranges
    }

    @Test func portClashRuleListsEveryFixedPortClaimant() throws {
        let clash = try #require(rules(at: "spec").first)
        for role in RoleCatalog.all {
            let section = role.isExternal ? "externals" : "gwsServices"
            #expect(clash.contains("self.\(section).\(role.key).service.port"), "\(role.key)")
        }
        #expect(clash.contains("self.gwsServices.gwsServiceProxy.tls.port"))
        #expect(clash.contains("self.consul.port"))
        // Roles off by default claim a port only when enabled explicitly.
        #expect(clash.contains("has(self.gwsServices.gwsPlatformOcs.enabled) && self.gwsServices.gwsPlatformOcs.enabled"))
    }

    @Test func storesAndSecretsAreChecked() {
        for store in StoreKind.allCases {
            #expect(rules(at: "spec.\(store.specKey).passwordFrom").count == 1)
        }
        #expect(rules(at: "spec.secrets").count == 1)
        #expect(rules(at: "spec.local").count == 1)
    }

    @Test func kubernetesOnlyRulesAreMarked() {
        let kubernetesOnly = GWSDeploymentValidation.allRules.filter { !$0.rule.mirrorsLocalValidation }
        #expect(Set(kubernetesOnly.map(\.rule.message)).count == 3)  // secrets names, successThreshold, backoff bounds
    }

    /// CEL string literals are single-quoted; an unbalanced quote or parenthesis would not compile.
    @Test func rulesAreBalanced() {
        for (path, rule) in GWSDeploymentValidation.allRules {
            var depth = 0
            var quoted = false
            for character in rule.rule {
                if character == "'" { quoted.toggle() }
                if quoted { continue }
                if character == "(" || character == "[" { depth += 1 }
                if character == ")" || character == "]" { depth -= 1 }
                #expect(depth >= 0, "\(path): \(rule.rule)")
            }
            #expect(depth == 0 && !quoted, "\(path): \(rule.rule)")
        }
    }
}
