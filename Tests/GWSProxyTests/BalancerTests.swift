import Testing

@testable import GWSProxy

@Suite("Balancer")
struct BalancerTests {
    let a = UpstreamInstance(id: "a", address: "127.0.0.1", port: 1001)
    let b = UpstreamInstance(id: "b", address: "127.0.0.1", port: 1002)
    let c = UpstreamInstance(id: "c", address: "127.0.0.1", port: 1003)
    let t0 = ContinuousClock.Instant.now

    /// Picks `count` instances in a row, returning their ids.
    func picks(_ balancer: inout Balancer, _ count: Int, at now: ContinuousClock.Instant) -> [String?] {
        (0..<count).map { _ in balancer.next(now: now)?.id }
    }

    @Test func emptyBalancerHasNoInstance() {
        var balancer = Balancer()
        #expect(balancer.next(now: t0) == nil)
    }

    @Test func roundRobinInIDOrderWhateverTheDiscoveryOrder() {
        var balancer = Balancer(instances: [c, a, b])
        #expect(picks(&balancer, 7, at: t0) == ["a", "b", "c", "a", "b", "c", "a"])
    }

    @Test func duplicateIDsAreListedOnce() {
        var balancer = Balancer(instances: [a, a, b])
        #expect(balancer.instances.map(\.id) == ["a", "b"])
        #expect(picks(&balancer, 4, at: t0) == ["a", "b", "a", "b"])
    }

    @Test func rotationContinuesAcrossUpdates() {
        var balancer = Balancer(instances: [a, b, c])
        #expect(balancer.next(now: t0)?.id == "a")
        balancer.update([a, c])  // b leaves
        #expect(picks(&balancer, 3, at: t0) == ["c", "a", "c"])
        balancer.update([a, b, c])  // b returns
        #expect(picks(&balancer, 3, at: t0) == ["a", "b", "c"])
    }

    @Test func failureEjectsAtOnceForTheEjectionPeriod() {
        var balancer = Balancer(instances: [a, b, c], ejectionDuration: .seconds(5))
        let ejected1 = balancer.reportFailure("b", now: t0)
        #expect(ejected1)
        #expect(balancer.isEjected("b", now: t0))
        #expect(balancer.ejectedIDs(now: t0) == ["b"])
        #expect(picks(&balancer, 4, at: t0 + .seconds(1)) == ["a", "c", "a", "c"])
        #expect(balancer.isEjected("b", now: t0 + .milliseconds(4999)))
    }

    @Test func ejectionExpires() {
        var balancer = Balancer(instances: [a, b], ejectionDuration: .seconds(5))
        balancer.reportFailure("a", now: t0)
        #expect(balancer.next(now: t0 + .seconds(4))?.id == "b")
        #expect(!balancer.isEjected("a", now: t0 + .seconds(5)))
        #expect(picks(&balancer, 2, at: t0 + .seconds(5)) == ["a", "b"])
        #expect(balancer.ejectedIDs(now: t0 + .seconds(5)).isEmpty)
    }

    @Test func repeatedFailureExtendsTheEjectionAndIsNotANewEjection() {
        var balancer = Balancer(instances: [a, b], ejectionDuration: .seconds(5))
        let ejected2 = balancer.reportFailure("a", now: t0)
        #expect(ejected2)
        let ejected3 = balancer.reportFailure("a", now: t0 + .seconds(3))
        #expect(!ejected3)
        #expect(balancer.isEjected("a", now: t0 + .seconds(7)))
        #expect(!balancer.isEjected("a", now: t0 + .seconds(8)))
        // After expiry, a failure is a new ejection again.
        let ejected4 = balancer.reportFailure("a", now: t0 + .seconds(9))
        #expect(ejected4)
    }

    @Test func successEndsAnEjection() {
        var balancer = Balancer(instances: [a, b])
        balancer.reportFailure("a", now: t0)
        balancer.reportSuccess("a")
        #expect(!balancer.isEjected("a", now: t0))
        #expect(picks(&balancer, 2, at: t0) == ["a", "b"])
    }

    @Test func failureOfAnUnknownInstanceIsIgnored() {
        var balancer = Balancer(instances: [a])
        let ejected5 = balancer.reportFailure("zz", now: t0)
        #expect(!ejected5)
        #expect(balancer.ejectedIDs(now: t0).isEmpty)
    }

    @Test func whenAllAreEjectedItTriesThemAnyway() {
        var balancer = Balancer(instances: [a, b])
        balancer.reportFailure("a", now: t0)
        balancer.reportFailure("b", now: t0)
        #expect(picks(&balancer, 3, at: t0) == ["a", "b", "a"])
        // Still ejected: the fallback does not end ejections, a success does.
        #expect(balancer.ejectedIDs(now: t0) == ["a", "b"])
    }

    @Test func retriesExcludeTriedInstances() {
        var balancer = Balancer(instances: [a, b, c])
        let first = balancer.next(now: t0)
        #expect(first?.id == "a")
        balancer.reportFailure("a", now: t0)
        let second = balancer.next(excluding: ["a"], now: t0)
        #expect(second?.id == "b")
        balancer.reportFailure("b", now: t0)
        let third = balancer.next(excluding: ["a", "b"], now: t0)
        #expect(third?.id == "c")
        #expect(balancer.next(excluding: ["a", "b", "c"], now: t0) == nil)
    }

    @Test func retryFallsBackToAnEjectedUntriedInstance() {
        var balancer = Balancer(instances: [a, b])
        balancer.reportFailure("b", now: t0)  // ejected by an earlier request
        #expect(balancer.next(now: t0)?.id == "a")
        balancer.reportFailure("a", now: t0)
        // Only b is left untried; it is ejected, but trying beats failing.
        #expect(balancer.next(excluding: ["a"], now: t0)?.id == "b")
    }

    @Test func updateForgetsEjectionsOfVanishedInstancesAndKeepsOthers() {
        var balancer = Balancer(instances: [a, b, c])
        balancer.reportFailure("a", now: t0)
        balancer.reportFailure("b", now: t0)
        balancer.update([b, c])
        #expect(balancer.ejectedIDs(now: t0) == ["b"])
        balancer.update([a, b, c])
        #expect(!balancer.isEjected("a", now: t0))
    }
}
