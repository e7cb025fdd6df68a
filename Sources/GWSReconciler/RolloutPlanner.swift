/// Decides the next step of each role's rolling restart (pure).
///
/// One instance of a role at a time, and only while every other instance of
/// the role is available (running, ready and, where discovery is known,
/// passing its checks): the outdated instance with the lowest ordinal is
/// replaced (the controller drains it first), then the planner waits until
/// the replacement is available before it takes the next one. With a single
/// replica there is a gap while the only instance restarts; the progress
/// message says so, unless the request carries a surge instance: then that
/// one is started first, serves while the only instance restarts, and is
/// drained and stopped at the end.
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

    /// Whether the rollout needs its surge instance now: until every real
    /// instance of the role was restarted and is available again.
    public static func surgeWanted(
        _ request: RolloutRequest, desired: DesiredState, observed: [String: ObservedInstance], passing: Set<String>?
    ) -> Bool {
        guard let surge = request.surge, desired.instances[surge.id] == nil else { return false }
        let view = View(request: request, observed: observed, passing: passing, busy: [])
        let real = members(of: request.role, in: desired, except: surge.id)
        return !(!real.isEmpty && real.allSatisfy { view.isUpdated($0.id) && view.isAvailable($0.id) })
    }

    /// The progress of one rollout and the action it needs now, if any.
    static func next(
        _ request: RolloutRequest, desired: DesiredState, observed: [String: ObservedInstance],
        passing: Set<String>?, busy: Set<String>, now: Duration
    ) -> (progress: RolloutProgress, action: ReconcileAction?) {
        let view = View(request: request, observed: observed, passing: passing, busy: busy)
        let surgeID = request.surge?.id
        let real = members(of: request.role, in: desired, except: surgeID)
        let updated = real.filter { view.isUpdated($0.id) }
        let available = updated.filter { view.isAvailable($0.id) }
        func progress(_ state: String, _ current: String?, _ message: String) -> RolloutProgress {
            RolloutProgress(
                state: state, role: request.role, replicas: real.count, updated: updated.count,
                available: available.count, current: current, message: message,
                ageSeconds: seconds(now - request.requestedAt))
        }
        if real.isEmpty {
            return (progress(RolloutProgress.complete, nil, "no instances of \(request.role) are desired"), nil)
        }
        if available.count == real.count {
            if let surgeID, observed[surgeID] != nil {
                return (progress(RolloutProgress.progressing, surgeID, "draining and stopping the extra instance \(surgeID)"), nil)
            }
            return (progress(RolloutProgress.complete, nil, "all \(real.count) instances restarted and ready"), nil)
        }
        // The surge instance (when there is one) must serve before the only instance goes.
        let members = real + (request.surge.map { [$0] } ?? [])
        if let unavailable = members.first(where: { !view.isAvailable($0.id) }) {
            let why =
                unavailable.id == surgeID
                ? "starting the extra instance, so that \(real[0].id) restarts without a gap"
                : view.isUpdated(unavailable.id)
                    ? "waiting for the replacement to be ready and in rotation"
                    : "waiting for it to be ready before restarting the next instance"
            return (progress(RolloutProgress.waiting, unavailable.id, "\(unavailable.id): \(why)"), nil)
        }
        guard let victim = real.first(where: { !view.isUpdated($0.id) }) else {
            return (progress(RolloutProgress.waiting, nil, "waiting"), nil)
        }
        let gap =
            real.count == 1 && request.surge == nil
            ? " (single replica without a stand-in: out of rotation until the replacement is ready)" : ""
        return (
            progress(RolloutProgress.progressing, victim.id, "draining and restarting \(victim.id)\(gap)"),
            .replace(victim, reason: .rolloutRestart)
        )
    }

    /// The desired instances of `role`, by ordinal, without the surge instance.
    static func members(of role: String, in desired: DesiredState, except surgeID: String?) -> [InstanceSpec] {
        desired.instances.values.filter { $0.role == role && $0.id != surgeID }.sorted { $0.ordinal < $1.ordinal }
    }

    /// How a rollout sees one instance.
    struct View {
        let request: RolloutRequest
        let observed: [String: ObservedInstance]
        let passing: Set<String>?
        let busy: Set<String>

        /// Its process started after the request.
        func isUpdated(_ id: String) -> Bool {
            guard let o = observed[id], o.phase == .running, let started = o.startedAt else { return false }
            return started >= request.requestedAt
        }

        /// Running, ready, in discovery (where known) and not being acted on.
        func isAvailable(_ id: String) -> Bool {
            guard let o = observed[id], o.phase == .running, o.ready, !busy.contains(id) else { return false }
            return passing?.contains(id) ?? true
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
