import GWSReconciler
import Testing

@Suite struct BackoffTests {
    let backoff = ExponentialBackoff(base: .seconds(1), max: .seconds(60))

    @Test func doublesUpToTheCapWithFullJitterAtTheTop() {
        #expect(backoff.delay(failures: 0, jitter: 1) == .zero)
        #expect(backoff.delay(failures: 1, jitter: 1) == .seconds(1))
        #expect(backoff.delay(failures: 2, jitter: 1) == .seconds(2))
        #expect(backoff.delay(failures: 4, jitter: 1) == .seconds(8))
        #expect(backoff.delay(failures: 7, jitter: 1) == .seconds(60))
        #expect(backoff.delay(failures: 50, jitter: 1) == .seconds(60))
    }

    @Test func jitterScalesIntoTheUpperHalf() {
        #expect(backoff.delay(failures: 3, jitter: 0) == .seconds(2))
        #expect(backoff.delay(failures: 3, jitter: 0.5) == .seconds(3))
        #expect(backoff.delay(failures: 3, jitter: 7) == .seconds(4))  // clamped
    }

    @Test func keyedBackoffCountsPerKeyAndForgets() {
        var keyed = KeyedBackoff<String>(backoff: backoff)
        #expect(keyed.nextDelay(for: "a", jitter: 1) == .seconds(1))
        #expect(keyed.nextDelay(for: "a", jitter: 1) == .seconds(2))
        #expect(keyed.nextDelay(for: "b", jitter: 1) == .seconds(1))
        keyed.forget("a")
        #expect(keyed.failureCount("a") == 0)
        #expect(keyed.nextDelay(for: "a", jitter: 1) == .seconds(1))
    }

    @Test func restartPolicyRestartsTheFirstCrashAtOnceAndResetsAfterStableRunning() {
        let policy = RestartPolicy(backoff: backoff, stableAfter: .seconds(30))
        var crashes = policy.crashCount(previous: 0, ranFor: .seconds(1))
        #expect(crashes == 1)
        #expect(policy.restartDelay(consecutiveCrashes: crashes, jitter: 1) == .zero)
        crashes = policy.crashCount(previous: crashes, ranFor: .seconds(1))
        #expect(policy.restartDelay(consecutiveCrashes: crashes, jitter: 1) == .seconds(1))
        crashes = policy.crashCount(previous: crashes, ranFor: .seconds(1))
        #expect(policy.restartDelay(consecutiveCrashes: crashes, jitter: 1) == .seconds(2))
        crashes = policy.crashCount(previous: crashes, ranFor: .seconds(31))
        #expect(crashes == 1)
        #expect(policy.restartDelay(consecutiveCrashes: crashes, jitter: 1) == .zero)
    }

    @Test func manualClockWakesSleepersOnlyAtTheirDeadline() async throws {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(until: .seconds(5)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(4))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        try await task.value
        #expect(clock.sleeperCount == 0)
    }
}
