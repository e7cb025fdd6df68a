import GWSReconciler
import GWSSpec
import Testing

/// The rolling restart, step by step: one instance at a time, only while the
/// others are available, drained (`rolloutRestart`), complete when every
/// instance was restarted after the request and is ready again.
@Suite struct RolloutPlannerTests {
    let desired = Fixtures.desired { $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 2 }
    let request = RolloutRequest(role: "workspace", requestedAt: .seconds(10))

    func reconcile(_ observed: [String: ObservedInstance], passing: Set<String>? = nil, now: Duration = .seconds(11))
        -> ReconcileResult
    {
        Reconciler.reconcile(desired: desired, observed: observed, rollouts: [request], passing: passing, now: now)
    }

    @Test func replacesTheFirstOutdatedInstanceFirstAndPolls() {
        let result = reconcile(Fixtures.converged(desired))
        #expect(result.actions == [.replace(desired.instances["workspace-0"]!, reason: .rolloutRestart)])
        #expect(result.requeueAfter == RolloutPlanner.pollInterval)
    }

    @Test func waitsWhileTheReplacementIsNotReady() {
        var observed = Fixtures.converged(desired)
        observed["workspace-0"]!.startedAt = .seconds(12)
        observed["workspace-0"]!.ready = false
        let result = reconcile(observed, now: .seconds(13))
        #expect(result.actions.isEmpty)
        #expect(result.requeueAfter == RolloutPlanner.pollInterval)
        let progress = RolloutPlanner.plan(
            desired: desired, observed: observed, rollouts: [request], passing: nil, busy: [], now: .seconds(13)
        ).progress
        #expect(progress.first?.state == RolloutProgress.waiting)
        #expect(progress.first?.current == "workspace-0")
        #expect(progress.first?.updated == 1 && progress.first?.available == 0)
    }

    @Test func waitsUntilDiscoveryListsTheReplacement() {
        var observed = Fixtures.converged(desired)
        observed["workspace-0"]!.startedAt = .seconds(12)
        #expect(reconcile(observed, passing: ["workspace-1"], now: .seconds(13)).actions.isEmpty)
        let next = reconcile(observed, passing: ["workspace-0", "workspace-1"], now: .seconds(13))
        #expect(next.actions == [.replace(desired.instances["workspace-1"]!, reason: .rolloutRestart)])
    }

    @Test func neverTakesASecondInstanceDownWhileOneIsUnavailable() {
        var observed = Fixtures.converged(desired)
        observed["workspace-1"]!.ready = false  // not ready for another reason
        #expect(reconcile(observed).actions.isEmpty)
        observed["workspace-1"]!.ready = true
        observed["workspace-1"]!.phase = .exited(description: "crashed", restartAt: .seconds(20))
        let result = reconcile(observed)
        #expect(!result.actions.contains { if case .replace(_, .rolloutRestart) = $0 { true } else { false } })
    }

    @Test func completeWhenEveryInstanceRestartedAndIsReady() {
        var observed = Fixtures.converged(desired)
        observed["workspace-0"]!.startedAt = .seconds(12)
        observed["workspace-1"]!.startedAt = .seconds(15)
        let result = reconcile(observed, now: .seconds(16))
        #expect(result.actions.isEmpty)
        #expect(result.requeueAfter == nil)
        let progress = RolloutPlanner.plan(
            desired: desired, observed: observed, rollouts: [request], passing: nil, busy: [], now: .seconds(16)
        ).progress[0]
        #expect(progress.complete && progress.updated == 2 && progress.available == 2 && progress.ageSeconds == 6)
    }

    @Test func aRoleAnotherActionTouchesWaits() {
        var observed = Fixtures.converged(desired)
        observed["workspace-1"]!.livenessFailed = true
        let result = reconcile(observed)
        #expect(result.actions == [.replace(desired.instances["workspace-1"]!, reason: .livenessFailed)])
    }

    @Test func aSingleReplicaIsRestartedWithAGapSaidInTheMessage() {
        let single = Fixtures.desired()
        let observed = Fixtures.converged(single)
        let plan = RolloutPlanner.plan(
            desired: single, observed: observed, rollouts: [request], passing: nil, busy: [], now: .seconds(11))
        #expect(plan.actions == [.replace(single.instances["workspace-0"]!, reason: .rolloutRestart)])
        #expect(plan.progress[0].message.contains("single replica"))
    }

    @Test func otherRolesAreUntouchedAndNoRolloutMeansTheOldAnswer() {
        let observed = Fixtures.converged(desired)
        let result = reconcile(observed)
        #expect(result.actions.allSatisfy { $0.instanceID.hasPrefix("workspace-") })
        let plain = Reconciler.reconcile(desired: desired, observed: observed, rollouts: [], passing: nil, now: .seconds(11))
        #expect(plain == Reconciler.reconcile(desired: desired, observed: observed, now: .seconds(11)))
    }
}
