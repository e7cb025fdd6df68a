import GWSHealth
import GWSSpec
import Testing

@Suite struct ProbeTrackerTests {
    @Test func failureThresholdConsecutiveFailuresFlipToFailure() {
        var t = ProbeTracker(spec: ProbeSpec(path: "/livez", failureThreshold: 3), initial: .success)
        let r1 = t.record(success: false, reason: "a")
        #expect(r1 == nil)
        let r2 = t.record(success: false, reason: "b")
        #expect(r2 == nil)
        let r3 = t.record(success: false, reason: "c")
        #expect(r3 == .failure(reason: "c"))
        let again = t.record(success: false)
        #expect(again == nil)  // no repeated flip
    }

    @Test func aSuccessResetsTheFailureCount() {
        var t = ProbeTracker(spec: ProbeSpec(path: "/", failureThreshold: 2), initial: .success)
        t.record(success: false)
        t.record(success: true)
        let r4 = t.record(success: false)
        #expect(r4 == nil)
        #expect(t.verdict == .success)
    }

    @Test func successThresholdIsHonoured() {
        var t = ProbeTracker(spec: ProbeSpec(path: "/", successThreshold: 2), initial: .failure(reason: "x"))
        let r5 = t.record(success: true)
        #expect(r5 == nil)
        let r6 = t.record(success: true)
        #expect(r6 == .success)
    }

    @Test func startupGatesReadinessAndLiveness() {
        let probes = ProbeSet.localDefaults.resolved(over: ProbeSet())
        var state = InstanceProbeState(probes: probes)
        #expect(state.dueKinds == [.startup])
        #expect(!state.ready)
        let r7 = state.record(.startup, success: true)
        #expect(r7)
        #expect(state.dueKinds == [.readiness, .liveness])
        #expect(!state.ready)
        let r8 = state.record(.readiness, success: true)
        #expect(r8)
        #expect(state.ready)
        // Three liveness failures → livenessFailed, readiness untouched.
        _ = state.record(.liveness, success: false)
        _ = state.record(.liveness, success: false)
        #expect(!state.livenessFailed)
        let r9 = state.record(.liveness, success: false)
        #expect(r9)
        #expect(state.livenessFailed)
        #expect(state.ready)
    }

    @Test func startupFailsAfterItsThreshold() {
        var probes = ProbeSet.localDefaults.resolved(over: ProbeSet())
        probes.startup.failureThreshold = 2
        var state = InstanceProbeState(probes: probes)
        let r10 = state.record(.startup, success: false)
        #expect(!r10)
        let r11 = state.record(.startup, success: false)
        #expect(r11)
        #expect(state.startupFailed)
    }

    @Test func unsetKnobsTakeKubernetesDefaults() {
        let resolved = PartialProbe().resolved(defaultPath: "/readyz")
        #expect(resolved == ProbeSpec(path: "/readyz", initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3))
    }
}
