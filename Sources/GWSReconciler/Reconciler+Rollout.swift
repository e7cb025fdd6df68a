extension Reconciler {
    /// ``reconcile(desired:observed:now:)`` plus the next step of every
    /// requested rolling restart (``RolloutPlanner``). A role any other action
    /// touches waits for the next reconcile. A rollout's surge instance is
    /// desired while the rollout needs it; once it is not, it is stopped with
    /// reason `rolloutRestart` (so it is drained first).
    public static func reconcile(
        desired: DesiredState, observed: [String: ObservedInstance], rollouts: [RolloutRequest],
        passing: Set<String>?, now: Duration
    ) -> ReconcileResult {
        guard !rollouts.isEmpty else { return reconcile(desired: desired, observed: observed, now: now) }
        var effective = desired
        var surges: Set<String> = []
        for request in rollouts {
            guard let surge = request.surge, desired.instances[surge.id] == nil else { continue }
            surges.insert(surge.id)
            if RolloutPlanner.surgeWanted(request, desired: desired, observed: observed, passing: passing) {
                effective.instances[surge.id] = surge
            }
        }
        var result = reconcile(desired: effective, observed: observed, now: now)
        result.actions = result.actions.map { action in
            if case .stop(let id, .removed) = action, surges.contains(id) { return .stop(id: id, reason: .rolloutRestart) }
            return action
        }
        let plan = RolloutPlanner.plan(
            desired: desired, observed: observed, rollouts: rollouts, passing: passing,
            busy: Set(result.actions.map(\.instanceID)), now: now)
        result.actions += plan.actions
        if let after = plan.requeueAfter { result.requeueAfter = min(result.requeueAfter ?? after, after) }
        return result
    }
}
