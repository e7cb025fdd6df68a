import GWSSpec

/// Every problem of a drill file at once, each with its path.
public struct DrillFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var issues: [String]

    public var description: String {
        let count = issues.count == 1 ? "1 error" : "\(issues.count) errors"
        return "\(source): \(count):\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Reads a drill file: YAML (malformed YAML with line:column), durations,
/// the schema (unknown keys with did-you-mean, types, ranges), then the rules
/// that span keys (one target kind, what each fault allows).
public enum DrillFileLoader {
    public static func load(yaml: String, source: String) throws(DrillFileError) -> DrillFile {
        var root: Value
        do {
            root = try YAMLValuesLoader.loadMap(yaml: yaml, source: source)
        } catch {
            throw DrillFileError(source: source, issues: ["\(error)"])
        }
        var issues: [String] = []
        for path in DrillSchema.durationPaths { normalizeDuration(&root, at: path, issues: &issues) }
        issues += SchemaValidator.validate(root, against: DrillSchema.root, path: "").map(\.description)
        let schemaPassed = issues.isEmpty
        // The rules across keys read values defensively, so they run even after schema errors.
        var rules: [String] = []
        let drill = decode(root, issues: &rules)
        issues += rules.filter { rule in schemaPassed || !issues.contains { $0.hasPrefix(rule.prefix { $0 != ":" } + ":") } }
        guard issues.isEmpty, let drill else { throw DrillFileError(source: source, issues: issues) }
        return drill
    }

    /// Replaces a duration string (`8s`) by its seconds; reports a bad one and removes it.
    static func normalizeDuration(_ root: inout Value, at path: [String], issues: inout [String]) {
        let components = path.map { PathComponent.key($0) }
        guard let value = root.value(at: components), case .string(let text) = value else { return }
        if let seconds = DrillDuration.seconds(text) {
            root = root.setting(.double(seconds), at: components)
        } else {
            issues.append("\(path.joined(separator: ".")): expected a duration such as 500ms, 8s or 2m, got \"\(text)\"")
            root = root.setting(.double(1), at: components)  // reported once, here
        }
    }

    // MARK: - Decoding (the schema has passed)

    static func decode(_ root: Value, issues: inout [String]) -> DrillFile? {
        let name = root["name"]?.stringValue ?? ""
        if name.isEmpty || name.contains("/") { issues.append("name: must be a non-empty name without \"/\"") }
        let target = decodeTarget(root["target"] ?? .map([:]), issues: &issues)
        let fault = DrillFault(
            kind: DrillFault.Kind(rawValue: root["fault"]?["kind"]?.stringValue ?? "") ?? .kill,
            seconds: root["fault"]?["seconds"]?.doubleValue)
        let duration = root["duration"]?.doubleValue ?? 0
        if duration <= 0 { issues.append("duration: must be more than 0") }
        checkFault(fault, target: target, duration: duration, issues: &issues)

        let l = root["load"] ?? .map([:])
        let defaults = LoadProfile()
        let load = LoadProfile(
            agents: l["agents"]?.intValue ?? defaults.agents, rate: l["rate"]?.doubleValue ?? defaults.rate,
            writeRatio: l["writeRatio"]?.doubleValue ?? defaults.writeRatio,
            requestTimeout: l["requestTimeout"]?.doubleValue ?? defaults.requestTimeout)
        if load.agents > 0, load.rate <= 0 { issues.append("load.rate: must be more than 0 when there are agents") }
        if load.requestTimeout <= 0 { issues.append("load.requestTimeout: must be more than 0") }

        let s = root["steadyState"] ?? .map([:])
        let steady = SteadyStateChecks(
            maxFailedRequestsPercent: s["maxFailedRequestsPercent"]?.doubleValue,
            maxDetectionSeconds: s["maxDetectionSeconds"]?.doubleValue,
            maxOutOfRotationSeconds: s["maxOutOfRotationSeconds"]?.doubleValue,
            maxRecoverySeconds: s["maxRecoverySeconds"]?.doubleValue,
            noLostWrites: s["noLostWrites"]?.boolValue ?? true, sessionsStillValid: s["sessionsStillValid"]?.boolValue ?? true)
        if steady.maxOutOfRotationSeconds != nil, case .some(.store) = target {
            issues.append("steadyState.maxOutOfRotationSeconds: stores are not in discovery; there is no rotation to leave")
        }
        let a = root["abort"] ?? .map([:])
        let abort = AbortConditions(
            maxFailedRequestsPercent: a["maxFailedRequestsPercent"]?.doubleValue,
            maxConsecutiveFailures: a["maxConsecutiveFailures"]?.intValue,
            requireReadyCluster: a["requireReadyCluster"]?.boolValue ?? true,
            requireCleanWarmup: a["requireCleanWarmup"]?.boolValue ?? true)
        var rollback = DrillRollback()
        if let r = root["rollback"]?.mapValue, r.keys.contains("startOperatorAfter") {
            rollback.startOperatorAfter = r["startOperatorAfter"]?.doubleValue
        }
        guard let target else { return nil }
        return DrillFile(
            name: name, hypothesis: root["hypothesis"]?.stringValue ?? "", target: target, fault: fault,
            duration: duration, warmup: root["warmup"]?.doubleValue ?? 2,
            recoveryTimeout: root["recoveryTimeout"]?.doubleValue ?? 30, load: load, steadyState: steady,
            abort: abort, rollback: rollback)
    }

    static func decodeTarget(_ t: Value, issues: inout [String]) -> DrillTarget? {
        let given = ["instance", "role", "store", "operator"].filter { t[$0] != nil && !(t[$0]!.isNull) }
        guard given.count == 1 else {
            let found = given.isEmpty ? "none" : given.joined(separator: ", ")
            issues.append("target: exactly one of instance, role, store, operator is needed; found \(found)")
            return nil
        }
        if t["select"] != nil, given != ["role"] { issues.append("target.select: only with role") }
        switch given[0] {
        case "instance":
            let id = t["instance"]?.stringValue ?? ""
            if id.isEmpty { issues.append("target.instance: must not be empty") }
            return .instance(id)
        case "role":
            let role = t["role"]?.stringValue ?? ""
            if role.isEmpty { issues.append("target.role: must not be empty") }
            let select = DrillTarget.RoleSelection(rawValue: t["select"]?.stringValue ?? "all") ?? .all
            return .role(role, select: select)
        case "store":
            return StoreKind(rawValue: t["store"]?.stringValue ?? "").map(DrillTarget.store)
        default:
            return .operatorLeader
        }
    }

    static func checkFault(_ fault: DrillFault, target: DrillTarget?, duration: Double, issues: inout [String]) {
        if fault.seconds != nil, fault.kind != .hang { issues.append("fault.seconds: only a hang lasts a number of seconds") }
        if let seconds = fault.seconds, fault.kind == .hang, seconds <= 0 || seconds > duration, duration > 0 {
            issues.append("fault.seconds: must be more than 0 and at most the duration (\(DrillDuration.format(duration)))")
        }
        switch (fault.kind, target) {
        case (.rollout, .some(.role)), (_, nil):
            break
        case (.rollout, _):
            issues.append("fault.kind: rollout restarts a role; use target.role")
        case (.stepDown, .some(.operatorLeader)):
            break
        case (.stepDown, _):
            issues.append("fault.kind: step-down hands the operator's leadership over; use target.operator: leader")
        case (.restart, .some(.operatorLeader)):
            issues.append(
                "fault.kind: a graceful stop of the operator stops every instance (that is `gwsctl down`); use kill or hang")
        default:
            break
        }
    }
}
