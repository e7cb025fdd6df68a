import GWSKubernetes
import GWSSpec
import Testing

@Suite struct StatusBuilderTests {
    let t0 = "2026-11-29T08:00:00Z"
    let t1 = "2026-11-29T08:05:00Z"

    @Test func theSameObservationGivesAnEqualStatusSoNothingIsWritten() {
        let inputs = StatusInputs(generation: 3, desiredInstances: 13, readyInstances: 4)
        let first = StatusBuilder.status(for: inputs, previous: nil, now: t0)
        let again = StatusBuilder.status(for: inputs, previous: first, now: t1)
        #expect(again == first)
        // And read back from the server, it is still equal.
        #expect(GWSDeploymentStatus(value: first.value) == first)
    }

    @Test func progressingUntilEveryInstanceIsReady() {
        let progressing = StatusBuilder.status(
            for: StatusInputs(generation: 1, desiredInstances: 13, readyInstances: 4), previous: nil, now: t0)
        #expect(progressing.phase == "Progressing")
        #expect(progressing.condition("Ready")?.status == "False")
        #expect(progressing.condition("Progressing")?.status == "True")
        #expect(progressing.condition("Degraded")?.status == "False")
        #expect(progressing.condition("Ready")?.message == "4/13 instances ready")

        let running = StatusBuilder.status(
            for: StatusInputs(generation: 1, desiredInstances: 13, readyInstances: 13), previous: progressing, now: t1)
        #expect(running != progressing)
        #expect(running.phase == "Running")
        #expect(running.condition("Ready")?.status == "True")
        #expect(running.condition("Ready")?.lastTransitionTime == t1)
        // Degraded stayed False: its transition time is kept.
        #expect(running.condition("Degraded")?.lastTransitionTime == t0)
        #expect(running.observedGeneration == 1)
    }

    @Test func aFailureIsDegraded() {
        let status = StatusBuilder.status(
            for: StatusInputs(
                generation: 2, desiredInstances: 0, readyInstances: 0,
                failure: .init(reason: "InvalidSpec", message: "spec.x: bad")),
            previous: nil, now: t0)
        #expect(status.phase == "Degraded")
        #expect(status.condition("Degraded")?.status == "True")
        #expect(status.condition("Degraded")?.reason == "InvalidSpec")
        #expect(status.condition("Degraded")?.message == "spec.x: bad")
        #expect(status.condition("Ready")?.status == "False")
        #expect(status.conditions.map(\.type) == ["Ready", "Progressing", "Degraded"])
        #expect(status.conditions.allSatisfy { $0.observedGeneration == 2 })
    }

    @Test func aNewGenerationIsANewStatus() {
        let first = StatusBuilder.status(
            for: StatusInputs(generation: 1, desiredInstances: 1, readyInstances: 1), previous: nil, now: t0)
        let second = StatusBuilder.status(
            for: StatusInputs(generation: 2, desiredInstances: 1, readyInstances: 1), previous: first, now: t1)
        #expect(second != first)
        #expect(second.condition("Ready")?.lastTransitionTime == t0)
    }
}
