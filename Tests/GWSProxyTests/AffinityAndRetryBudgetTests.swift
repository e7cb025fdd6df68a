import GWSProxy
import Testing

/// Sticky choice by session (rendezvous hashing) and the retry budget.
@Suite("Session affinity and retry budget")
struct AffinityAndRetryBudgetTests {
    let instances = (1...4).map { UpstreamInstance(id: "workspace-\($0)", address: "127.0.0.1", port: 1000 + $0) }
    let now = ContinuousClock.now

    @Test func aSessionStaysOnItsInstanceAndOthersSpread() {
        var balancer = Balancer(instances: instances)
        var chosen: [String: String] = [:]
        for n in 0..<200 {
            let key = "session-\(n)"
            let first = balancer.next(affinity: key, now: now)?.id
            for _ in 0..<3 { #expect(balancer.next(affinity: key, now: now)?.id == first) }
            chosen[key] = first
        }
        // Every instance gets a share of the 200 sessions.
        let counts = Dictionary(grouping: chosen.values, by: { $0 }).mapValues(\.count)
        #expect(counts.count == 4)
        #expect(counts.values.allSatisfy { $0 > 20 })
    }

    @Test func losingAnInstanceMovesOnlyItsSessions() {
        var balancer = Balancer(instances: instances)
        let keys = (0..<200).map { "session-\($0)" }
        let before = Dictionary(uniqueKeysWithValues: keys.map { ($0, balancer.next(affinity: $0, now: now)!.id) })
        // workspace-2 is ejected (a refused connection): its sessions move, the others stay.
        balancer.reportFailure("workspace-2", now: now)
        for key in keys {
            let after = balancer.next(affinity: key, now: now)!.id
            if before[key] == "workspace-2" {
                #expect(after != "workspace-2")
            } else {
                #expect(after == before[key])
            }
        }
        // It comes back: the sessions return to it (the same hash order).
        balancer.reportSuccess("workspace-2")
        for key in keys { #expect(balancer.next(affinity: key, now: now)!.id == before[key]) }
        // A retry excluding the sticky instance takes the next one in the key's order.
        let key = keys[0]
        #expect(balancer.next(excluding: [before[key]!], affinity: key, now: now)?.id != before[key])
    }

    @Test func retriesAreCappedAtTenPercentOfRequests() {
        var budget = RetryBudget(ratio: 0.1, minimumRetries: 3, window: .seconds(10))
        // Quiet: the floor allows a few retries.
        let quiet = (0..<4).map { _ in budget.withdrawRetry(now: now) }
        #expect(quiet == [true, true, true, false])
        // 100 requests: 10 retries in the window, no more.
        for _ in 0..<100 { budget.recordRequest(now: now) }
        var granted = 0
        for _ in 0..<50 where budget.withdrawRetry(now: now) { granted += 1 }
        #expect(granted == 7, "10 % of 100 requests, 3 already used")
        // The window slides: later, the old requests and retries are forgotten.
        let later = now + .seconds(11)
        let afterWindow = budget.withdrawRetry(now: later)
        #expect(afterWindow)
    }
}
