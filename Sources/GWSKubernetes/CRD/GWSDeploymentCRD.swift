import GWSSpec

/// The `GWSDeployment` CustomResourceDefinition, generated from the schema that
/// validates local specs (`GWSSchema.spec`) plus the CEL rules of
/// ``GWSDeploymentValidation``: one source, so the two cannot drift.
///
/// `gwsctl crd` prints ``yaml()``; `crds/gwsdeployment.yaml` and the chart's
/// copy are that text, checked by a test (regenerate with `hack/generate-kubernetes.sh`).
public enum GWSDeploymentCRD {
    public static let group = GWSDeployment.apiGroup
    /// `v1alpha1`, from `GWSDeployment.apiVersionV1`.
    public static let version = String(GWSDeployment.apiVersionV1.split(separator: "/").last ?? "v1alpha1")
    public static let kind = GWSDeployment.kindName
    public static let plural = "gwsdeployments"
    public static let singular = "gwsdeployment"
    public static let shortNames = ["gwsd"]
    /// `gwsdeployments.gws.genesys.com`.
    public static var name: String { "\(plural).\(group)" }

    /// The comment at the top of the generated file.
    public static let header = """
        # The GWSDeployment CustomResourceDefinition. Generated from Sources/GWSSpec/GWSSchema.swift
        # (plus the CEL rules of Sources/GWSKubernetes/CRD/GWSDeploymentValidation.swift) by
        # `gwsctl crd`; do not edit: run hack/generate-kubernetes.sh.

        """

    /// The CRD as a YAML document (keys sorted, so the text is stable).
    public static func yaml() throws(SchemaPatchError) -> String {
        header + (try resource()).yamlString()
    }

    /// The CRD object.
    public static func resource() throws(SchemaPatchError) -> Value {
        let root: Value = [
            "type": "object",
            "description": .string(
                "A GWS deployment: Genesys gws-services Helm values (spec) reconciled by gws-operator."),
            "properties": [
                "apiVersion": ["type": "string"],
                "kind": ["type": "string"],
                "metadata": ["type": "object"],
                "spec": try specSchema(),
                "status": try GWSDeploymentStatusSchema.openAPIV3(),
            ],
            "x-kubernetes-validations": [
                [
                    "rule": .string(GWSDeploymentValidation.metadataName.rule),
                    "message": .string(GWSDeploymentValidation.metadataName.message),
                ]
            ],
        ]
        let versionEntry: Value = [
            "name": .string(version),
            "served": true,
            "storage": true,
            "schema": ["openAPIV3Schema": root],
            "subresources": ["status": .map([:])],
            "additionalPrinterColumns": .list(printerColumns),
        ]
        return [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": [
                "name": .string(name),
                "labels": ["app.kubernetes.io/name": "gws-operator", "app.kubernetes.io/part-of": "gws"],
            ],
            "spec": [
                "group": .string(group),
                "scope": "Namespaced",
                "names": [
                    "kind": .string(kind),
                    "listKind": .string("\(kind)List"),
                    "plural": .string(plural),
                    "singular": .string(singular),
                    "shortNames": .list(shortNames.map(Value.string)),
                    "categories": ["gws"],
                ],
                "versions": [versionEntry],
            ],
        ]
    }

    /// `GWSSchema.spec` as a structural OpenAPI v3 schema, with the CEL rules and bounds added.
    public static func specSchema() throws(SchemaPatchError) -> Value {
        var schema = GWSSchema.spec.jsonSchema(dialect: .openAPIV3)
        for patch in GWSDeploymentValidation.specPatches { schema = try schema.applying(patch) }
        return schema
    }

    /// `kubectl get gwsd`: ready and desired instances, phase, age.
    static let printerColumns: [Value] = [
        column("Ready", "integer", ".status.readyInstances", "Instances whose readiness probe passes"),
        column("Desired", "integer", ".status.desiredInstances", "Instances the spec asks for"),
        column("Phase", "string", ".status.phase", "Running, Progressing or Degraded"),
        column("Age", "date", ".metadata.creationTimestamp", nil),
    ]

    static func column(_ name: String, _ type: String, _ path: String, _ description: String?) -> Value {
        var entry: [String: Value] = ["name": .string(name), "type": .string(type), "jsonPath": .string(path)]
        if let description { entry["description"] = .string(description) }
        return .map(entry)
    }
}
