/// Decides the next step of each role's rolling restart (pure).
///
/// One instance of a role at a time, and only while every other instance of
/// the role is available (running, ready and, where discovery is known,
/// passing its checks): the outdated instance with the lowest ordinal is
/// replaced (the controller drains it first), then the planner waits until
/// the replacement is available before it takes the next one. With a single
/// replica there is a gap while the only instance restarts; the progress
/// message says so.
public enum RolloutPlanner {
    /// How often a rollout in progress is looked at again (readiness changes
    /// do not queue a reconcile by themselves).
    public static let pollInterval: Duration = .milliseconds(200)

    /// The result for every requested rollout.
    public struct Plan: Sendable, Equatable {
        public var actions: [ReconcileAction]
        public var requeueAfter: Duration?
        public var progress: [RolloutProgress]
    }

    /// - Parameters:
    ///   - passing: the instance ids discovery lists as passing; nil when unknown (not gated on).
    ///   - busy: instances another action of this reconcile already touches.
    public static func plan(
        desired: DesiredState, observed: [String: ObservedInstance], rollouts: [RolloutRequest],
        passing: Set<String>?, busy: Set<String>, now: Duration
    ) -> Plan {
        var actions: [ReconcileAction] = []
        var progress: [RolloutProgress] = []
        var inFlight = false
        for request in rollouts.sorted(by: { $0.role < $1.role }) {
            let step = next(
                request, desired: desired, observed: observed, passing: passing, busy: busy, now: now)
            progress.append(step.progress)
            if let action = step.action { actions.append(action) }
            if !step.progress.complete { inFlight = true }
        }
        return Plan(actions: actions, requeueAfter: inFlight ? pollInterval : nil, progress: progress)
    }

    /// The progress of one rollout and the action it needs now, if any.
    static func next(
        _ request: RolloutRequest, desired: DesiredState, observed: [String: ObservedInstance],
        passing: Set<String>?, busy: Set<String>, now: Duration
    ) -> (progress: RolloutProgress, action: ReconcileAction?) {
        let members = desired.instances.values.filter { $0.role == request.role }.sorted { $0.ordinal < $1.ordinal }
        func isUpdated(_ o: ObservedInstance?) -> Bool {
            guard let o, o.phase == .running, let started = o.startedAt else { return false }
            return started >= request.requestedAt
        }
        func isAvailable(_ id: String) -> Bool {
            guard let o = observed[id], o.phase == .running, o.ready, !busy.contains(id) else { return false }
            return passing?.contains(id) ?? true
        }
        let updated = members.filter { isUpdated(observed[$0.id]) }
        let available = updated.filter { isAvailable($0.id) }
        let age = seconds(now - request.requestedAt)
        func progress(_ state: String, _ current: String?, _ message: String) -> RolloutProgress {
            RolloutProgress(
                state: state, role: request.role, replicas: members.count, updated: updated.count,
                available: available.count, current: current, message: message, ageSeconds: age)
        }
        if members.isEmpty {
            return (progress(RolloutProgress.complete, nil, "no instances of \(request.role) are desired"), nil)
        }
        if available.count == members.count {
            return (progress(RolloutProgress.complete, nil, "all \(members.count) instances restarted and ready"), nil)
        }
        if let unavailable = members.first(where: { !isAvailable($0.id) }) {
            let why = isUpdated(observed[unavailable.id]) ? "waiting for the replacement to be ready and in rotation"
                : "waiting for it to be ready before restarting the next instance"
            return (progress(RolloutProgress.waiting, unavailable.id, "\(unavailable.id): \(why)"), nil)
        }
        // Every instance is available; some are outdated: replace the first.
        guard let victim = members.first(where: { !isUpdated(observed[$0.id]) }) else {
            return (progress(RolloutProgress.waiting, nil, "waiting"), nil)
        }
        let gap = members.count == 1 ? " (single replica: it is out of rotation until the replacement is ready)" : ""
        return (
            progress(RolloutProgress.progressing, victim.id, "draining and restarting \(victim.id)\(gap)"),
            .replace(victim, reason: .rolloutRestart)
        )
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
