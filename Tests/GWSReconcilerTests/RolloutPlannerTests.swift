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

/// A single-replica role gets a surge instance: started first, serving while
/// the only instance restarts, drained and stopped at the end.
@Suite struct RolloutSurgeTests {
    let desired = Fixtures.desired()
    var surge: InstanceSpec {
        DesiredStatePlanner.surgeInstance(role: "workspace", spec: Fixtures.spec(), context: Fixtures.context)!
    }
    var request: RolloutRequest { RolloutRequest(role: "workspace", requestedAt: .seconds(10), surge: surge) }

    func reconcile(_ observed: [String: ObservedInstance], now: Duration = .seconds(11)) -> ReconcileResult {
        Reconciler.reconcile(desired: desired, observed: observed, rollouts: [request], passing: nil, now: now)
    }

    func running(_ spec: InstanceSpec, since: Duration, ready: Bool = true) -> ObservedInstance {
        ObservedInstance(
            id: spec.id, configHash: spec.configHash, pid: 200, phase: .running, started: true, ready: ready,
            startedAt: since)
    }

    @Test func onlySingleReplicaRolesOtherThanStoresGetOne() {
        #expect(surge.id == "workspace-1" && surge.ordinal == 1)
        #expect(surge.environment[ServiceEnvironmentKeys.instanceID] == "workspace-1")
        let two = Fixtures.spec { $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 2 }
        #expect(DesiredStatePlanner.surgeInstance(role: "workspace", spec: two, context: Fixtures.context) == nil)
        // The proxy's surge instance listens on the same public ports (SO_REUSEPORT), so it takes traffic over.
        let proxySpec = Fixtures.spec { $0.gwsServices["gwsServiceProxy"]!.service.port = 8090 }
        let proxySurge = DesiredStatePlanner.surgeInstance(role: "proxy", spec: proxySpec, context: Fixtures.context)
        #expect(proxySurge?.id == "proxy-1")
        #expect(proxySurge?.ports.first { $0.name == "http" }?.port == 8090)
        #expect(proxySurge?.ports.first { $0.name == "http" }?.shared == true)
        #expect(DesiredStatePlanner.surgeInstance(role: "postgres", spec: Fixtures.spec(), context: Fixtures.context) == nil)
    }

    @Test func theSurgeStartsFirstThenTheOnlyInstanceRestartsThenTheSurgeIsDrainedAway() {
        // 1. The surge instance is started; nothing else yet.
        var observed = Fixtures.converged(desired)
        var result = reconcile(observed)
        #expect(result.actions == [.start(surge, reason: .created)])
        #expect(result.requeueAfter == RolloutPlanner.pollInterval)

        // 2. While it is not ready, workspace-0 stays.
        observed[surge.id] = running(surge, since: .seconds(11), ready: false)
        #expect(reconcile(observed, now: .seconds(12)).actions.isEmpty)

        // 3. Once it serves, workspace-0 is drained and replaced.
        observed[surge.id]!.ready = true
        result = reconcile(observed, now: .seconds(13))
        #expect(result.actions == [.replace(desired.instances["workspace-0"]!, reason: .rolloutRestart)])

        // 4. The new workspace-0 is ready: the surge is stopped (drained), the rollout not yet complete.
        observed["workspace-0"]!.startedAt = .seconds(14)
        result = reconcile(observed, now: .seconds(15))
        #expect(result.actions == [.stop(id: "workspace-1", reason: .rolloutRestart)])
        let progress = RolloutPlanner.plan(
            desired: desired, observed: observed, rollouts: [request], passing: nil, busy: [], now: .seconds(15)
        ).progress[0]
        #expect(progress.state == RolloutProgress.progressing && progress.current == "workspace-1")

        // 5. Gone: complete, nothing more.
        observed[surge.id] = nil
        result = reconcile(observed, now: .seconds(16))
        #expect(result.actions.isEmpty && result.requeueAfter == nil)
    }
}
