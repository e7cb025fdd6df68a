import GWSSpec

/// The schema of a drill file, checked by the spec's ``SchemaValidator``
/// (unknown keys with did-you-mean, types, ranges). Durations are numbers of
/// seconds here: ``DrillFileLoader`` turns `8s`-style strings into numbers first.
enum DrillSchema {
    /// Keys whose values are durations (relative to the document root).
    static let durationPaths: [[String]] = [
        ["duration"], ["warmup"], ["recoveryTimeout"], ["fault", "seconds"], ["load", "requestTimeout"],
        ["rollback", "startOperatorAfter"], ["steadyState", "maxDetectionSeconds"],
        ["steadyState", "maxOutOfRotationSeconds"], ["steadyState", "maxRecoverySeconds"],
    ]

    static func seconds(_ description: String, min: Int = 0, max: Int = 3600) -> Schema {
        .number(description: description + " (seconds, or a duration such as 500ms, 8s, 2m)", min: min, max: max)
    }

    static let root: Schema = .object(
        properties: [
            ("apiVersion", .string(description: "Optional: gws.genesys.com/v1alpha1.")),
            ("kind", .string(description: "Optional: Drill.", enum: ["Drill"])),
            ("name", .string(description: "The drill's name (reports are named after it).")),
            ("hypothesis", .string(description: "What the drill expects to show.")),
            ("target", target),
            ("fault", fault),
            ("duration", seconds("The fault window", max: 600)),
            ("warmup", seconds("Load before the fault", max: 120)),
            ("recoveryTimeout", seconds("Longest wait for recovery after the window", max: 600)),
            ("load", load),
            ("steadyState", steadyState),
            ("abort", abort),
            ("rollback", rollback),
        ], required: ["name", "target", "fault", "duration"])

    static let target: Schema = .object(
        description: "Exactly one of instance, role, store, operator.",
        properties: [
            ("instance", .string(description: "An instance id, such as workspace-0.")),
            ("role", .string(description: "A role: every instance of it, or one at random (select).")),
            ("select", .string(description: "With role: all, one (at random) or leader (the elected singleton's leader).", enum: DrillTarget.RoleSelection.allCases.map(\.rawValue))),
            ("store", .string(description: "A store the operator runs.", enum: StoreKind.allCases.map(\.rawValue))),
            ("operator", .string(description: "The operator: leader.", enum: ["leader"])),
        ])

    static let fault: Schema = .object(
        properties: [
            ("kind", .string(description: "kill, hang, restart, rollout or step-down (the operator leader only).", enum: DrillFault.Kind.allCases.map(\.rawValue))),
            ("seconds", seconds("hang: how long the process stays stopped", max: 600)),
        ], required: ["kind"])

    static let load: Schema = .object(
        properties: [
            ("agents", .integer(description: "Simulated agents (demo tenant agents).", min: 0, max: 50)),
            ("rate", .number(description: "Requests per second, all agents together.", min: 0, max: 1000)),
            ("writeRatio", .number(description: "Share of requests that are writes (0–1).", min: 0, max: 1)),
            ("requestTimeout", seconds("When a request counts as failed", max: 120)),
        ])

    static let steadyState: Schema = .object(
        properties: [
            ("maxFailedRequestsPercent", .number(description: "Failed requests, % of those sent.", min: 0, max: 100)),
            ("maxDetectionSeconds", seconds("Fault → the operator sees it")),
            ("maxOutOfRotationSeconds", seconds("Fault → out of rotation (discovery or proxy)")),
            ("maxRecoverySeconds", seconds("Fault → ready again")),
            ("noLostWrites", .boolean(description: "Every acknowledged write reads back afterwards.")),
            ("sessionsStillValid", .boolean(description: "Every agent's Workspace session still works afterwards.")),
        ])

    static let abort: Schema = .object(
        properties: [
            ("maxFailedRequestsPercent", .number(description: "Abort above this failed share.", min: 0, max: 100)),
            ("maxConsecutiveFailures", .integer(description: "Abort after this many failures in a row.", min: 1)),
            ("requireReadyCluster", .boolean(description: "Refuse to start unless every instance is ready.")),
            ("requireCleanWarmup", .boolean(description: "Refuse to inject when a request failed during the warm-up.")),
        ])

    static let rollback: Schema = .object(
        properties: [
            ("startOperatorAfter", seconds("Operator target: start one when none took over by then (null: never)", max: 600))
        ])
}
