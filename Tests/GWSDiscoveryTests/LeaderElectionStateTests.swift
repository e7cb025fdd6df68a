import Testing

@testable import GWSDiscovery

/// ``LeaderElectionState``'s decisions with explicit times, alone and against ``RegistryState`` as the
/// registry (a deterministic simulation: every takeover time is exact).
@Suite struct LeaderElectionStateTests {
    static let ttl: Duration = .seconds(10)
    static let retry: Duration = .milliseconds(500)

    static func elector() -> LeaderElectionState {
        LeaderElectionState(ttl: ttl, lockRetryInterval: retry, retryInterval: .seconds(1))
    }

    @Test func firstCandidateCreatesASessionAcquiresAndRenewsAtHalfTheTTL() {
        var e = Self.elector()
        #expect(e.nextAction(at: .zero) == .createSession)
        #expect(e.leadership(at: .zero) == .follower(leader: nil))
        e.sessionCreated("s1", requestedAt: .seconds(1))
        #expect(e.nextAction(at: .seconds(1)) == .acquire(session: "s1"), "an unknown key is tried at once")
        e.acquireAnswered(true, at: .seconds(1))
        #expect(e.leadership(at: .seconds(1)) == .leader)
        #expect(e.nextAction(at: .seconds(1)) == .read(index: 0, until: .seconds(6)))
        e.observed(ConsulKVPair(key: "k", value: Array("me".utf8), lockIndex: 1, session: "s1"), index: 42)
        #expect(e.nextAction(at: .seconds(2)) == .read(index: 42, until: .seconds(6)), "watch the key until the renewal")
        #expect(e.nextAction(at: .seconds(6)) == .renew(session: "s1", until: .seconds(11)), "renew at TTL/2, racing the lease")
        e.renewed(requestedAt: .seconds(6))
        #expect(e.leaseDeadline == .seconds(16))
        #expect(e.isLeader(at: .seconds(15.9)))
    }

    @Test func aLeaderThatCannotRenewStepsDownWhenItsLeaseRunsOut() {
        var e = Self.elector()
        e.sessionCreated("s1", requestedAt: .zero)
        e.acquireAnswered(true, at: .zero)
        e.callFailed(at: .seconds(5))
        #expect(e.nextAction(at: .seconds(5)) == .sleep(until: .seconds(6)))
        e.callFailed(at: .seconds(9.5))
        #expect(e.nextAction(at: .seconds(9.5)) == .sleep(until: .seconds(10)), "no wait outlasts the lease")
        #expect(e.leadership(at: .seconds(9.999)) == .leader)
        #expect(e.leadership(at: .seconds(10)) == .follower(leader: nil), "lease = request time of the last renewal + TTL")
        #expect(e.nextAction(at: .seconds(10.5)) == .renew(session: "s1", until: nil), "keeps trying to renew")
        e.renewed(requestedAt: .seconds(10.5))
        #expect(e.leadership(at: .seconds(10.6)) == .leader, "the session survived: the key is still ours")
    }

    @Test func aLostSessionStepsDownAtOnceAndStartsOver() {
        var e = Self.elector()
        e.sessionCreated("s1", requestedAt: .zero)
        e.acquireAnswered(true, at: .zero)
        e.sessionLost()
        #expect(e.leadership(at: .seconds(5)) == .follower(leader: nil))
        #expect(e.nextAction(at: .seconds(5)) == .createSession)
    }

    @Test func aFollowerWatchesTheHolderAndRetriesAFreeKeyInItsLockDelay() {
        var e = Self.elector()
        e.sessionCreated("s2", requestedAt: .zero)
        e.acquireAnswered(false, at: .zero)
        #expect(e.nextAction(at: .zero) == .read(index: 0, until: .seconds(5)), "refused: find out why")
        e.observed(ConsulKVPair(key: "k", value: Array("other".utf8), lockIndex: 1, session: "s1"), index: 7)
        #expect(e.leadership(at: .zero) == .follower(leader: "other"))
        #expect(e.nextAction(at: .seconds(1)) == .read(index: 7, until: .seconds(5)), "held: block on the key")

        e.observed(ConsulKVPair(key: "k", lockIndex: 1), index: 9)
        #expect(e.leadership(at: .seconds(0.1)) == .follower(leader: nil))
        #expect(e.nextAction(at: .seconds(0.1)) == .acquire(session: "s2"), "released by its holder: take it at once")
        e.acquireAnswered(false, at: .seconds(2))
        #expect(e.nextAction(at: .seconds(2)) == .read(index: 0, until: .seconds(5)))
        e.observed(ConsulKVPair(key: "k", lockIndex: 1), index: 9)
        #expect(e.nextAction(at: .seconds(2)) == .sleep(until: .seconds(2.5)), "free but refused: its lock-delay runs")
        #expect(e.nextAction(at: .seconds(2.5)) == .acquire(session: "s2"))

        e.observed(nil, index: 3)
        #expect(e.keyIndex == 0, "an index going backwards starts over")
    }

    // MARK: Simulation against the registry's rules

    /// Two electors and the registry's state, with time moved by the electors' own waits.
    struct Simulation {
        var registry = RegistryState(nodeName: "n", nodeID: "n", datacenter: "dc1")
        var now: Duration = .zero
        var sessions = 0
        let key = "gws/leader/test"
        let lockDelay: Duration

        /// Moves time to `instant`, expiring sessions at their exact deadlines on the way.
        mutating func advance(to instant: Duration) {
            while let deadline = registry.nextSessionDeadline, deadline <= instant {
                now = max(now, deadline)
                _ = registry.expireSessions(now: now)
            }
            now = max(now, instant)
        }

        /// Carries out `elector`'s next action against the registry.
        mutating func step(_ elector: inout LeaderElectionState, as candidate: String) throws {
            switch elector.nextAction(at: now) {
            case .createSession:
                sessions += 1
                let request = ConsulSessionRequest(ttl: LeaderElectionStateTests.ttl, lockDelay: lockDelay)
                let session = try registry.createSession(request, id: "\(candidate)-\(sessions)", now: now)
                elector.sessionCreated(session.id, requestedAt: now)
            case .renew(let session, _):
                if registry.renewSession(session, now: now) != nil {
                    elector.renewed(requestedAt: now)
                } else {
                    elector.sessionLost()
                }
            case .acquire(let session):
                do {
                    let acquired = try registry.kvAcquire(key, session: session, value: Array(candidate.utf8), now: now)
                    elector.acquireAnswered(acquired, at: now)
                } catch let error as ConsulRegistryError where error.message.contains("invalid session") {
                    elector.sessionLost()  // as LeaderElection does on Consul's 500 "invalid session"
                }
            case .read(let index, let until):
                if index > 0, registry.watchedIndex(.key(key)) <= index {
                    advance(to: min(until, registry.nextSessionDeadline ?? until))
                    guard registry.watchedIndex(.key(key)) > index else { return }
                }
                elector.observed(registry.kvEntry(key).map(ConsulKVPair.init), index: registry.watchedIndex(.key(key)))
            case .sleep(let until):
                advance(to: until)
            }
        }

        /// Runs `elector` until it leads (or gives up after `limit`); returns when it became leader.
        mutating func runUntilLeader(_ elector: inout LeaderElectionState, as candidate: String, limit: Duration = .seconds(120)) throws -> Duration? {
            while now < limit {
                if elector.isLeader(at: now) { return now }
                try step(&elector, as: candidate)
            }
            return nil
        }

        /// Runs `elector` until it has read the key and follows `leader`.
        mutating func runUntilFollowing(_ elector: inout LeaderElectionState, as candidate: String) throws {
            for _ in 0..<10 where !(elector.leadership(at: now) == .follower(leader: "a")) {
                try step(&elector, as: candidate)
            }
        }
    }

    @Test(arguments: [Duration.seconds(2), .seconds(15), .zero])
    func aCrashedLeaderIsReplacedAfterTTLPlusLockDelay(lockDelay: Duration) throws {
        var sim = Simulation(lockDelay: lockDelay)
        var a = Self.elector()
        var b = Self.elector()
        #expect(try sim.runUntilLeader(&a, as: "a") == .zero)
        try sim.runUntilFollowing(&b, as: "b")
        #expect(b.leadership(at: sim.now) == .follower(leader: "a"))

        // a crashes now (it never acts again); its last renewal was its creation at 0.
        let takeover = try #require(try sim.runUntilLeader(&b, as: "b"))
        #expect(takeover == Self.ttl + lockDelay, "exactly TTL + lock-delay (the retries land on it)")
        #expect(sim.registry.kvEntry(sim.key)?.lockIndex == 2)
    }

    @Test func aReleasedLockIsTakenAtOnce() throws {
        var sim = Simulation(lockDelay: .seconds(15))
        var a = Self.elector()
        var b = Self.elector()
        _ = try sim.runUntilLeader(&a, as: "a")
        try sim.runUntilFollowing(&b, as: "b")
        sim.advance(to: .milliseconds(200))
        // a resigns: release, then destroy (destroying a session that holds nothing starts no lock-delay).
        let session = try #require(a.session)
        #expect(try sim.registry.kvRelease(sim.key, session: session, value: []))
        sim.registry.invalidateSession(session, now: sim.now)
        #expect(try sim.runUntilLeader(&b, as: "b") == .milliseconds(200), "at once, though b was refused at 0")
    }

    @Test func aLeaderWhoseSessionWasDestroyedStepsDownAndCampaignsAgain() throws {
        var sim = Simulation(lockDelay: .seconds(2))
        var a = Self.elector()
        _ = try sim.runUntilLeader(&a, as: "a")
        sim.registry.invalidateSession(try #require(a.session), now: sim.now)
        // a watches its key and sees it freed: it steps down at once.
        try sim.step(&a, as: "a")
        #expect(a.leadership(at: sim.now) == .follower(leader: nil))
        // Its old session is refused during the lock-delay, then called invalid: it creates a new one.
        let again = try #require(try sim.runUntilLeader(&a, as: "a"))
        #expect(again == .seconds(2))
        #expect(a.session == "a-2")
    }
}
