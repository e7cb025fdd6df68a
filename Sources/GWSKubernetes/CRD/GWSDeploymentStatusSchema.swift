import GWSSpec

/// The schema of a GWSDeployment's `status`, as `GWSSpec.DeploymentStatus`
/// encodes it (the operator writes it through the status subresource).
public enum GWSDeploymentStatusSchema {
    public static let schema: Schema = .object(
        description: "What the operator observed; written only through the status subresource.",
        properties: [
            (
                "phase",
                .string(
                    description: "Running (every instance ready), Progressing, or Degraded (crash loops, stores unreachable).")
            ),
            ("observedGeneration", .integer(description: "The metadata.generation this status describes.", min: 0)),
            ("readyInstances", .integer(description: "Instances whose readiness probe passes.", min: 0)),
            ("desiredInstances", .integer(description: "Instances the spec asks for.", min: 0)),
            (
                "conditions",
                .array(
                    of: .object(
                        properties: [
                            ("type", .string(description: "Ready, Progressing or Degraded.")),
                            ("status", .string(enum: ["True", "False", "Unknown"])),
                            ("reason", .string(description: "A CamelCase reason.")),
                            ("message", .string(description: "A human-readable explanation.")),
                            ("lastTransitionTime", .string(description: "When status last changed (RFC 3339).")),
                            ("observedGeneration", .integer(min: 0)),
                        ],
                        required: ["type", "status"]),
                    description: "Standard conditions, one per type.")
            ),
        ])

    /// The rendered `status` schema: conditions form a map keyed by `type`, so
    /// server-side apply merges them per type.
    public static func openAPIV3() throws(SchemaPatchError) -> Value {
        var rendered = schema.jsonSchema(dialect: .openAPIV3)
        let patches = [
            SchemaPatch(
                path: ["conditions"],
                entries: ["x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"], "maxItems": 16]),
            SchemaPatch(path: ["conditions", "[]", "lastTransitionTime"], entries: ["format": "date-time"]),
        ]
        for patch in patches { rendered = try rendered.applying(patch) }
        return rendered
    }
}
