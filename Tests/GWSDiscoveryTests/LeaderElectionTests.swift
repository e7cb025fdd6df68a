import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import GWSDiscovery

/// Two ``LeaderElection`` services against the registry served on a live port, sharing a manual clock
/// with it: one wins; stopped gracefully, the other takes over without any time passing; killed, the
/// other takes over exactly TTL + lock-delay later on the clock.
@Suite struct LeaderElectionTests {
    let clock = ManualDiscoveryClock()
    let registry: ConsulRegistry
    let configuration = LeaderElectionConfiguration(name: "test", candidate: "", ttl: .seconds(10), lockDelay: .seconds(2))

    init() {
        registry = ConsulRegistry(logger: testLogger, clock: clock)
    }

    /// Every report of every candidate, in order, with the clock's time.
    final class Reports: Sendable {
        private let entries = Mutex<[(candidate: String, leadership: Leadership, at: Duration)]>([])

        func record(_ candidate: String, _ leadership: Leadership, at: Duration) {
            entries.withLock { $0.append((candidate, leadership, at)) }
        }

        var all: [(candidate: String, leadership: Leadership, at: Duration)] { entries.withLock { $0 } }

        func last(_ candidate: String) -> Leadership? {
            all.last { $0.candidate == candidate }?.leadership
        }

        func leaderSince(_ candidate: String) -> Duration? {
            all.last { $0.candidate == candidate && $0.leadership == .leader }?.at
        }
    }

    func election(_ candidate: String, port: Int, reports: Reports) -> LeaderElection {
        var configuration = configuration
        configuration.candidate = candidate
        let consul = ConsulClient(baseURL: "http://127.0.0.1:\(port)", logger: testLogger)
        return LeaderElection(client: consul, configuration: configuration, clock: clock, logger: testLogger) {
            [clock] leadership in
            reports.record(candidate, leadership, at: clock.now())
        }
    }

    func withRegistry(_ test: @Sendable (Int) async throws -> Void) async throws {
        try await makeRegistryApplication(registry).test(.live) { client in
            try await test(try #require(client.port))
        }
    }

    /// Waits (in real time, bounded) until the clock's sleepers are exactly `count` and stay so: every
    /// task driven by the clock has finished reacting to the last advance.
    func settle(sleepers count: Int) async throws {
        var stable = 0
        for _ in 0..<2_000 where stable < 10 {
            try await Task.sleep(for: .milliseconds(2))
            stable = clock.sleeperCount == count ? stable + 1 : 0
        }
        #expect(stable >= 10, "the clock's sleepers did not settle at \(count) (now \(clock.sleeperCount))")
    }

    @Test func oneWinsAndAGracefulStopHandsOverAtOnce() async throws {
        try await withRegistry { port in
            let reports = Reports()
            let a = election("a", port: port, reports: reports)
            let groupA = ServiceGroup(configuration: .init(services: [a], logger: testLogger))
            let taskA = Task { try await groupA.run() }
            #expect(try await eventually { reports.last("a") == .leader })

            let b = election("b", port: port, reports: reports)
            let taskB = Task { try await b.run() }
            #expect(try await eventually { reports.last("b") == .follower(leader: "a") })
            #expect(await registry.kvPair(configuration.key)?.string == "a")

            await groupA.triggerGracefulShutdown()
            try await taskA.value
            #expect(try await eventually { reports.last("b") == .leader })
            #expect(clock.now() == .zero, "no time passed: no TTL, no lock-delay")

            // a stepped down before it released the key, so before b took over.
            let order = reports.all.map { "\($0.candidate):\($0.leadership)" }
            let aStepped = try #require(order.firstIndex(of: "a:follower(leader: nil)"))
            let bLed = try #require(order.firstIndex(of: "b:leader"))
            #expect(aStepped < bLed, "\(order)")
            #expect(order.filter { $0.hasPrefix("a:") } == ["a:leader", "a:follower(leader: nil)"])
            #expect(await registry.sessions().count == 1, "a destroyed its session")
            #expect(await registry.kvPair(configuration.key)?.lockIndex == 2)
            taskB.cancel()
            _ = await taskB.result
        }
    }

    @Test func aKilledLeaderIsReplacedAfterTTLPlusLockDelay() async throws {
        try await withRegistry { port in
            let reports = Reports()
            let a = election("a", port: port, reports: reports)
            let taskA = Task { try await a.run() }
            #expect(try await eventually { reports.last("a") == .leader })
            let b = election("b", port: port, reports: reports)
            let taskB = Task { try await b.run() }
            #expect(try await eventually { reports.last("b") == .follower(leader: "a") })

            // Kill a: its task is cancelled, it releases nothing. Its session was created at 0.
            taskA.cancel()
            _ = await taskA.result
            #expect(await registry.sessions().count == 2, "a's session lives on until its TTL")

            // Drive the clock in small steps, letting b and the registry react after each: sleepers are
            // the registry's session timer and b.
            let step: Duration = .milliseconds(250)
            try await settle(sleepers: 2)
            while reports.last("b") != .leader, clock.now() < .seconds(30) {
                clock.advance(by: step)
                try await settle(sleepers: 2)
            }
            let takeover = try #require(reports.leaderSince("b"))
            let expected = configuration.ttl + configuration.lockDelay
            #expect(takeover >= expected, "never before the TTL and the lock-delay have passed")
            // Then within one lock retry (plus a step, should b still be reacting when the clock moves on).
            #expect(takeover <= expected + configuration.lockRetryInterval + step)
            #expect(await registry.kvPair(configuration.key)?.string == "b")
            #expect(await registry.sessions().count == 1, "a's session expired")
            taskB.cancel()
            _ = await taskB.result
        }
    }
}
