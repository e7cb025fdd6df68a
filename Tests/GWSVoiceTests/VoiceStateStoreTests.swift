import Foundation
import GWSStores
import GWSTestKit
import GWSVoice
import Testing

/// The voice records in a real Redis: compare-and-set under concurrency, conflicts, unreadable records.
@Suite("Voice state store against Redis", .serialized)
struct VoiceStateStoreTests {
    static let tenant = VoiceRedisHarness.tenant

    @Test("20 concurrent commands on one agent from two instances: none lost, versions and sequences without gaps")
    func concurrentUpdates() async throws {
        try await VoiceRedisHarness.run { h in
            let subscriber = RedisSubscriber(configuration: await h.server.configuration(), logger: quietLogger)
            let bus = try await subscriber.subscribe(channels: [AgentNotification.busChannel(tenant: Self.tenant)])
            try await h.run(.login(dn: "5001", agentId: "a1", employeeId: "E1"))
            let call = try await h.run(.makeCall(destination: "+15550000")).record.calls[0]
            let (other, otherClient) = await h.secondInstance()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    let controller = i.isMultiple(of: 2) ? h.controller : other
                    group.addTask {
                        let pair = UserDataPair.int("k\(i)", i)
                        try await controller.execute(
                            .attachUserData(callId: call.id, userData: [pair]), tenant: Self.tenant, userName: Fixture.userName)
                    }
                }
                try await group.waitForAll()
            }
            let record = try await h.controller.record(tenant: Self.tenant, userName: Fixture.userName)
            #expect(record.version == 22)  // login, make-call, 20 attaches
            #expect(record.eventSequence == 23)  // login 1, make-call 2, 20 attaches
            #expect(Set(record.calls[0].userData.map(\.key)) == Set((0..<20).map { "k\($0)" }))

            // The bus carried every notification once, in the order of the writes.
            var iterator = bus.makeAsyncIterator()
            var sequences: [Int] = []
            var attachedKeys: [Int] = []
            while sequences.count < 23, let message = await iterator.next() {
                let notification = try AgentNotification(jsonString: message.string)
                sequences.append(try #require(notification.sequence))
                if case .callStateChanged(let event)? = notification.voiceEvent, event.notificationType == .attachedDataChanged {
                    attachedKeys.append(event.call.userData.count)
                }
            }
            #expect(sequences == Array(1...23))
            #expect(attachedKeys == Array(1...20))  // each write saw all the earlier ones
            await subscriber.close()
            await otherClient.close()
        }
    }

    @Test("20 writers that all read the same version: one wins each round, the others retry, none is lost")
    func forcedConflicts() async throws {
        try await VoiceRedisHarness.run { h in
            let store = h.controller.store
            let barrier = AsyncBarrier(count: 20)
            let attempts = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        var first = true
                        _ = try await store.update(tenant: Self.tenant, userName: "u", publishingTo: "ch") { current in
                            _ = attempts.next()
                            if first {  // everyone reads version 0 before anyone writes
                                first = false
                                await barrier.arrive()
                            }
                            var record = current
                            record.calls.append(Fixture.call(.ringing, id: "call\(i)"))
                            return (record, [], ())
                        }
                    }
                }
                try await group.waitForAll()
            }
            let record = try #require(try await store.load(tenant: Self.tenant, userName: "u"))
            #expect(record.version == 20)
            #expect(Set(record.calls.map(\.id)) == Set((0..<20).map { "call\($0)" }))
            #expect(attempts.next() >= 20 + 19)  // the first round alone had 19 losers
        }
    }

    @Test("an unreadable record is reported, not overwritten; empty names are refused")
    func corruptAndInvalid() async throws {
        try await VoiceRedisHarness.run { h in
            let key = VoiceStateStore.agentKey(tenant: Self.tenant, userName: "broken")
            try await h.redis.set(key, to: "{not json")
            do {
                try await h.run(.ready(), "broken")
                Issue.record("expected an error")
            } catch let error as VoiceError {
                #expect(error.code == .corruptRecord && error.httpStatus == 500)
            }
            #expect(try await h.redis.get(key) == "{not json")
            await #expect(throws: VoiceError(.invalidArgument, "the user name is empty")) { try await h.run(.ready(), "") }
            await #expect(throws: VoiceError(.invalidArgument, "the tenant is empty")) {
                try await h.controller.execute(.ready(), tenant: "", dn: "5001")
            }
            #expect(VoiceStateStore.agentKey(tenant: "t", userName: "u") == "gws:t:voice:agent:u")
            #expect(VoiceStateStore.dnKey(tenant: "t", dn: "5001") == "gws:t:voice:dn:5001")
        }
    }

    @Test("a conflicting write is retried on the newer record; contention (503) after the last attempt")
    func conflicts() async throws {
        try await VoiceRedisHarness.run(maximumAttempts: 3) { h in
            let store = h.controller.store
            let key = VoiceStateStore.agentKey(tenant: Self.tenant, userName: "u")
            /// Another instance writes `version` between our read and our write.
            func interfere(_ version: Int) async throws {
                var other = VoiceRecord(userName: "u")
                other.version = version
                try await h.redis.set(key, to: try VoiceCoding.string(of: other))
            }
            var calls = 0
            let (stored, seen) = try await store.update(tenant: Self.tenant, userName: "u", publishingTo: "ch") { current in
                calls += 1
                if calls == 1 { try await interfere(5) }
                return (current, [], current.version)
            }
            #expect(calls == 2 && seen == 5 && stored.version == 6)
            #expect(try await store.load(tenant: Self.tenant, userName: "u")?.version == 6)

            calls = 0
            await #expect(throws: VoiceError(.contention, "the voice record of agent u kept changing: gave up after 3 attempts")) {
                _ = try await store.update(tenant: Self.tenant, userName: "u", publishingTo: "ch") { current in
                    calls += 1
                    try await interfere(current.version + 1)
                    return (current, [], ())
                }
            }
            #expect(calls == 3)
            #expect(VoiceError(.contention, "").httpStatus == 503)
        }
    }
}
