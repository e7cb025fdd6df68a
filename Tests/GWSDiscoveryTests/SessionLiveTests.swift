import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSDiscovery

/// Sessions and locks through ``ConsulClient`` against the registry served on a live port, with the
/// check runner (which expires sessions) and a manual clock.
@Suite struct SessionLiveTests {
    let clock = ManualDiscoveryClock()
    let registry: ConsulRegistry

    init() {
        registry = ConsulRegistry(logger: testLogger, clock: clock)
    }

    func withConsul(_ test: @Sendable (ConsulClient) async throws -> Void) async throws {
        try await makeRegistryApplication(registry).test(.live) { testClient in
            let port = try #require(testClient.port)
            try await test(ConsulClient(baseURL: "http://127.0.0.1:\(port)", logger: testLogger))
        }
    }

    @Test func clientCallsAndTheirAnswers() async throws {
        try await withConsul { consul in
            let a = try await consul.createSession(.init(name: "a", ttl: .seconds(10), lockDelay: .seconds(1)))
            let b = try await consul.createSession(.init(name: "b", behavior: .delete))
            let info = try #require(try await consul.sessionInfo(a))
            #expect(info.name == "a")
            #expect(info.ttl == "10s")
            #expect(info.ttlDuration == .seconds(10))
            #expect(info.lockDelay == .seconds(1))
            #expect(info.behavior == .release)
            #expect(try await consul.sessionInfo(b)?.behavior == .delete)
            #expect(Set(try await consul.sessions().map(\.id)) == [a, b])

            #expect(try await consul.kvAcquire("app/lock", session: a, value: "A"))
            #expect(try await consul.kvAcquire("app/lock", session: b, value: "B") == false)
            let held = try await consul.kvPair("app/lock")
            #expect(held.value?.session == a)
            #expect(held.value?.lockIndex == 1)
            #expect(held.value?.string == "A")
            #expect(try await consul.kvGet("app/lock") == "A")

            #expect(try await consul.renewSession(a)?.id == a)
            #expect(try await consul.kvRelease("app/lock", session: a, value: "A"))
            #expect(try await consul.kvPair("app/lock").value?.session == nil)

            try await consul.destroySession(a)
            try await consul.destroySession(b)
            #expect(try await consul.renewSession(a) == nil, "404: gone")
            #expect(try await consul.sessionInfo(a) == nil)
            #expect(try await consul.sessions().isEmpty)
            #expect(try await consul.kvPair("nothing/here").value == nil)

            await #expect(throws: ConsulError.self) { try await consul.createSession(.init(ttl: .seconds(1))) }
        }
    }

    @Test func expiryWakesABlockingQueryOnTheKeyAtTheTTL() async throws {
        try await withConsul { consul in
            let id = try await consul.createSession(.init(ttl: .seconds(10), lockDelay: .seconds(15)))
            #expect(try await consul.kvAcquire("svc/leader", session: id, value: "me"))
            let held = try await consul.kvPair("svc/leader")

            async let changed = consul.kvPair("svc/leader", index: held.index, wait: .seconds(60))
            #expect(try await eventually { await registry.waitingQueries >= 1 && clock.sleeperCount >= 1 })
            clock.advance(by: .seconds(9))
            #expect(await registry.session(id) != nil)
            clock.advance(by: .seconds(1))
            let released = try await changed
            #expect(released.index > held.index)
            #expect(released.value?.session == nil, "the TTL ran out: the lock is released")
            #expect(released.value?.string == "me", "behavior release keeps the value")
            #expect(try await consul.renewSession(id) == nil)

            // Lock-delay: no session may take it for 15 s after the expiry.
            let other = try await consul.createSession(.init(ttl: .seconds(60)))
            #expect(try await consul.kvAcquire("svc/leader", session: other) == false)
            clock.advance(by: .seconds(14))
            #expect(try await consul.kvAcquire("svc/leader", session: other) == false)
            clock.advance(by: .seconds(1))
            #expect(try await consul.kvAcquire("svc/leader", session: other, value: "next"))
            #expect(try await consul.kvPair("svc/leader").value?.lockIndex == 2)
        }
    }
}
