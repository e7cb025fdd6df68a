import GWSSpec

/// The values of the `gws-operator` Helm chart: the operator's own settings
/// plus an optional GWSDeployment whose `spec` is `GWSSchema.spec` itself, so
/// the chart's `values.schema.json` and the CRD come from one source.
///
/// `gwsctl chart-schema` prints ``jsonSchema()`` (draft-07, what Helm checks
/// values against); `charts/gws-operator/values.schema.json` is that text,
/// checked by a test.
public enum OperatorChartSchema {
    public static let values: Schema = .object(
        description: "Values of the gws-operator chart.",
        properties: [
            ("image", image("The operator's image.", repository: "gws-operator")),
            ("serviceImage", image("The gws-service image the operator runs GWS roles with.", repository: "gws-service")),
            (
                "imagePullSecrets",
                .array(
                    of: .object(properties: [("name", .string(description: "A Secret of type dockerconfigjson."))]),
                    description: "Secrets for pulling the images.", default: [])
            ),
            ("replicaCount", .integer(description: "Operator replicas; one leads, the others wait.", min: 1, max: 10, default: 2)),
            ("leaderElection", leaderElection),
            (
                "watchAllNamespaces",
                .boolean(
                    description: "Watch GWSDeployments in every namespace (ClusterRole) instead of the release's (Role).",
                    default: false)
            ),
            ("rbac", .object(properties: [("create", .boolean(description: "Create the RBAC objects.", default: true))])),
            ("serviceAccount", serviceAccount),
            ("metrics", metrics),
            (
                "health",
                .object(properties: [
                    ("port", .integer(description: "Port of /livez and /readyz.", min: 1, max: 65535, default: 8081))
                ])
            ),
            (
                "logLevel",
                .string(
                    description: "The operator's log level.",
                    enum: ["trace", "debug", "info", "notice", "warning", "error", "critical"], default: "info")
            ),
            (
                "renderServiceMonitors",
                .boolean(
                    description: "Have the operator create a ServiceMonitor per GWS role (needs the Prometheus Operator's CRDs).",
                    default: false)
            ),
            ("resources", resources),
            ("nodeSelector", .map(of: .string(), description: "Node labels the operator's pods must match.", default: .map([:]))),
            ("tolerations", .array(of: toleration, description: "Tolerations of the operator's pods.", default: [])),
            ("podAnnotations", .map(of: .string(), description: "Extra annotations on the operator's pods.", default: .map([:]))),
            ("podLabels", .map(of: .string(), description: "Extra labels on the operator's pods.", default: .map([:]))),
            (
                "tests",
                .object(properties: [
                    ("image", .string(description: "Image of the `helm test` pod (needs wget).", default: "busybox:1.36"))
                ])
            ),
            ("gwsDeployment", gwsDeployment),
        ])

    /// The draft-07 document Helm validates values against.
    public static func jsonSchema() -> Value {
        values.jsonSchema(dialect: .draft07)
    }

    /// ``jsonSchema()`` as the text of `values.schema.json` (keys sorted, two-space indent, final newline).
    public static func jsonText() -> String {
        jsonSchema().jsonString(pretty: true) + "\n"
    }

    static func image(_ description: String, repository: String) -> Schema {
        .object(
            description: description,
            properties: [
                ("repository", .string(description: "Registry and repository.", default: repository)),
                ("tag", .string(description: "Tag; empty: the chart's appVersion.", default: "")),
                ("pullPolicy", .string(enum: ["Always", "IfNotPresent", "Never"], default: "IfNotPresent")),
            ])
    }

    static let leaderElection: Schema = .object(
        description: "A coordination.k8s.io Lease elects the replica that reconciles.",
        properties: [
            ("enabled", .boolean(description: "Elect a leader (needed with more than one replica).", default: true)),
            ("leaseDurationSeconds", .integer(min: 1, max: 300, default: 15)),
            ("renewDeadlineSeconds", .integer(min: 1, max: 300, default: 10)),
            ("retryPeriodSeconds", .integer(min: 1, max: 300, default: 2)),
        ])

    static let serviceAccount: Schema = .object(
        description: "The operator's ServiceAccount.",
        properties: [
            ("create", .boolean(default: true)),
            ("name", .string(description: "Its name; empty: the release's full name.", default: "")),
            ("annotations", .map(of: .string(), default: .map([:]))),
        ])

    static let metrics: Schema = .object(
        description: "Prometheus metrics of the operator (controller-runtime names).",
        properties: [
            ("port", .integer(description: "Port of /metrics.", min: 1, max: 65535, default: 8080)),
            (
                "serviceMonitor",
                .object(properties: [
                    ("enabled", .boolean(description: "Create a ServiceMonitor for the operator.", default: false)),
                    ("interval", .string(description: "Scrape interval.", default: "30s")),
                ])
            ),
        ])

    static let resources: Schema = .object(
        description: "Resources of the operator's container.",
        properties: [
            ("limits", .map(of: .string(), default: ["memory": "128Mi"])),
            ("requests", .map(of: .string(), default: ["cpu": "50m", "memory": "64Mi"])),
        ])

    static let toleration: Schema = .object(properties: [
        ("key", .string()),
        ("operator", .string(enum: ["Exists", "Equal"])),
        ("value", .string()),
        ("effect", .string(enum: ["NoSchedule", "PreferNoSchedule", "NoExecute"])),
        ("tolerationSeconds", .integer(min: 0)),
    ])

    static var gwsDeployment: Schema {
        .object(
            description: "A GWSDeployment installed with the chart (optional).",
            properties: [
                ("create", .boolean(description: "Install it.", default: false)),
                ("name", .string(description: "Its metadata.name (a lowercase DNS label).", default: "gws")),
                ("spec", GWSSchema.spec),
            ])
    }
}
