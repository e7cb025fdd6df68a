import GWSReconciler
import GWSSpec
import Testing

@Suite struct ReconcilerTests {
    @Test func emptyClusterStartsEveryDesiredInstance() {
        let desired = Fixtures.desired()
        let result = Reconciler.reconcile(desired: desired, observed: [:], now: .zero)
        #expect(result.actions.count == desired.instances.count)
        #expect(result.actions.allSatisfy { if case .start(_, .created) = $0 { true } else { false } })
        #expect(result.requeueAfter == nil)
        // The proxy starts last.
        #expect(result.actions.last?.instanceID == "proxy-0")
    }

    @Test func convergedClusterNeedsNothingAndNoRequeue() {
        let desired = Fixtures.desired()
        let result = Reconciler.reconcile(desired: desired, observed: Fixtures.converged(desired), now: .seconds(100))
        #expect(result.actions.isEmpty)
        #expect(result.requeueAfter == nil)
    }

    @Test func scaleUpStartsOnlyTheNewOrdinals() {
        let before = Fixtures.desired()
        let after = Fixtures.desired { $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 3 }
        let result = Reconciler.reconcile(desired: after, observed: Fixtures.converged(before), now: .zero)
        #expect(result.actions.map(\.instanceID).sorted() == ["workspace-1", "workspace-2"])
    }

    @Test func scaleDownStopsHighestOrdinalsAndDisablingARoleStopsIt() {
        let before = Fixtures.desired { $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 3 }
        let after = Fixtures.desired {
            $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 1
            $0.gwsServices["gwsPlatformIxn"]!.enabled = false
        }
        let result = Reconciler.reconcile(desired: after, observed: Fixtures.converged(before), now: .zero)
        #expect(
            result.actions == [
                .stop(id: "workspace-2", reason: .removed), .stop(id: "workspace-1", reason: .removed),
                .stop(id: "ixn-0", reason: .removed),
            ])
    }

    @Test func portChangeReplacesTheInstance() {
        let before = Fixtures.desired()
        let after = Fixtures.desired { $0.gwsServices["gwsPlatformVoice"]!.service.port = 18080 }
        let result = Reconciler.reconcile(desired: after, observed: Fixtures.converged(before), now: .zero)
        #expect(result.actions.count == 1)
        guard case .replace(let spec, .configChanged) = result.actions.first else {
            Issue.record("expected a replace, got \(result.actions)")
            return
        }
        #expect(spec.id == "voice-0")
        #expect(spec.ports.first?.port == 18080)
    }

    @Test func crashedInstanceWaitsForItsBackoffThenRestarts() {
        let desired = Fixtures.desired()
        var observed = Fixtures.converged(desired)
        observed["voice-0"]!.phase = .exited(description: "killed by signal 9", restartAt: .seconds(12))
        let early = Reconciler.reconcile(desired: desired, observed: observed, now: .seconds(10))
        #expect(early.actions.isEmpty)
        #expect(early.requeueAfter == .seconds(2))
        let due = Reconciler.reconcile(desired: desired, observed: observed, now: .seconds(12))
        #expect(due.actions.count == 1)
        #expect(due.actions.first.map { if case .start(_, .crashed) = $0 { true } else { false } } == true)
    }

    @Test func failedLivenessOrStartupReplacesTheInstance() {
        let desired = Fixtures.desired()
        var observed = Fixtures.converged(desired)
        observed["setting-0"]!.livenessFailed = true
        observed["statistics-0"]!.startupFailed = true
        let result = Reconciler.reconcile(desired: desired, observed: observed, now: .zero)
        let reasons = result.actions.compactMap { action -> String? in
            if case .replace(let s, let r) = action { return "\(s.id):\(r.rawValue)" }
            return nil
        }
        #expect(reasons.sorted() == ["setting-0:livenessFailed", "statistics-0:startupFailed"])
    }

    @Test func stoppingInstancesAreLeftAlone() {
        let desired = Fixtures.desired()
        var observed = Fixtures.converged(desired)
        observed["voice-0"]!.phase = .stopping
        observed["extra-0"] = ObservedInstance(id: "extra-0", configHash: "x", phase: .stopping)
        #expect(Reconciler.reconcile(desired: desired, observed: observed, now: .zero).actions.isEmpty)
    }

    @Test func reconcileIsIdempotentOnTheSameSnapshot() {
        let desired = Fixtures.desired { $0.gwsServices["gwsAppWorkspace"]!.deployment.replicaCount = 2 }
        let observed = Fixtures.converged(Fixtures.desired())
        let a = Reconciler.reconcile(desired: desired, observed: observed, now: .seconds(5))
        let b = Reconciler.reconcile(desired: desired, observed: observed, now: .seconds(5))
        #expect(a == b)
    }
}
