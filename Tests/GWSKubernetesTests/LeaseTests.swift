import GWSKubernetes
import GWSSpec
import Testing

@Suite struct LeaseTests {
    @Test func aHeldLeaseExpiresOnTheObserversClockAfterItsDuration() {
        var observation = LeaseObservation()
        let held = LeaseRecord(holderIdentity: "other", leaseDurationSeconds: 15, renewTime: "t1")
        observation.observe(held, resourceVersion: "5", at: .seconds(100))
        #expect(observation.heldByOther(identity: "me", now: .seconds(114)))
        // Seeing the same record again does not restart the clock…
        observation.observe(held, resourceVersion: "5", at: .seconds(110))
        #expect(!observation.heldByOther(identity: "me", now: .seconds(115)))
        // …a renewal does.
        var renewed = held
        renewed.renewTime = "t2"
        observation.observe(renewed, resourceVersion: "6", at: .seconds(112))
        #expect(observation.heldByOther(identity: "me", now: .seconds(126)))
        #expect(!observation.heldByOther(identity: "other", now: .seconds(113)))
    }

    @Test func aReleasedLeaseIsFreeAtOnce() {
        var observation = LeaseObservation()
        let released = LeaseRecord(holderIdentity: "other", leaseDurationSeconds: 15, leaseTransitions: 3).released(
            now: "t")
        #expect(released.holderIdentity == "")
        #expect(released.leaseDurationSeconds == 1)
        #expect(released.leaseTransitions == 3)
        observation.observe(released, resourceVersion: "9", at: .seconds(50))
        #expect(!observation.heldByOther(identity: "me", now: .seconds(50)))
    }

    @Test func takingOverCountsATransitionRenewingDoesNot() {
        let held = LeaseRecord(
            holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: "t0", renewTime: "t1", leaseTransitions: 2)
        let renewed = held.next(for: "a", durationSeconds: 15, now: "t2")
        #expect(renewed.acquireTime == "t0" && renewed.renewTime == "t2" && renewed.leaseTransitions == 2)
        let taken = held.next(for: "b", durationSeconds: 15, now: "t3")
        #expect(taken.holderIdentity == "b" && taken.acquireTime == "t3" && taken.leaseTransitions == 3)
        #expect(LeaseRecord(spec: taken.spec) == taken)
    }

    @Test func durationsMustNest() {
        #expect(throws: KubernetesConfigError.self) {
            try LeaderElectionConfig(
                namespace: "n", name: "l", leaseDuration: .seconds(10), renewDeadline: .seconds(10)
            ).validate()
        }
        #expect(throws: KubernetesConfigError.self) {
            try LeaderElectionConfig(namespace: "n", name: "l", renewDeadline: .seconds(2), retryPeriod: .seconds(2))
                .validate()
        }
        #expect(throws: Never.self) { try LeaderElectionConfig(namespace: "n", name: "l").validate() }
        #expect(LeaderElectionConfig.defaultIdentity(environment: ["POD_NAME": "op-0"]).hasPrefix("op-0_"))
    }
}
