extension Reconciler {
    /// ``reconcile(desired:observed:now:)`` plus the next step of every
    /// requested rolling restart (``RolloutPlanner``). A role any other action
    /// touches waits for the next reconcile.
    public static func reconcile(
        desired: DesiredState, observed: [String: ObservedInstance], rollouts: [RolloutRequest],
        passing: Set<String>?, now: Duration
    ) -> ReconcileResult {
        var result = reconcile(desired: desired, observed: observed, now: now)
        guard !rollouts.isEmpty else { return result }
        let plan = RolloutPlanner.plan(
            desired: desired, observed: observed, rollouts: rollouts, passing: passing,
            busy: Set(result.actions.map(\.instanceID)), now: now)
        result.actions += plan.actions
        if let after = plan.requeueAfter { result.requeueAfter = min(result.requeueAfter ?? after, after) }
        return result
    }
}
