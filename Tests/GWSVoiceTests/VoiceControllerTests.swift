import Foundation
import GWSStores
import GWSTestKit
import GWSVoice
import Testing

/// The controller against a real Redis: the DN index, commands by DN, the event bus, several instances.
@Suite("Voice controller against Redis", .serialized)
struct VoiceControllerTests {
    static let tenant = VoiceRedisHarness.tenant

    @Test("a DN another agent is logged in on is refused; released at logout, then free")
    func dnIndex() async throws {
        try await VoiceRedisHarness.run { h in
            let store = h.controller.store
            try await h.run(.login(dn: "5001", agentId: "a1"), "alice")
            #expect(try await store.userName(tenant: Self.tenant, dn: "5001") == "alice")
            await #expect(throws: VoiceError(.dnInUse, "DN 5001 is already logged in by another agent")) {
                try await h.run(.login(dn: "5001", agentId: "b1"), "bob")
            }
            #expect(try await h.storedJSON("bob") == nil)  // nothing written for bob
            #expect(try await h.controller.record(tenant: Self.tenant, userName: "bob").agentState == .loggedOut)

            try await h.run(.logout, "alice")
            #expect(try await store.userName(tenant: Self.tenant, dn: "5001") == nil)
            try await h.run(.login(dn: "5001", agentId: "b1"), "bob")
            #expect(try await store.userName(tenant: Self.tenant, dn: "5001") == "bob")
            // alice logs in elsewhere; bob's DN stays his.
            try await h.run(.login(dn: "5002", agentId: "a1"), "alice")
            #expect(try await store.userName(tenant: Self.tenant, dn: "5001") == "bob")
            #expect(try await h.controller.record(tenant: Self.tenant, dn: "5002")?.userName == "alice")
            #expect(try await h.controller.record(tenant: Self.tenant, dn: "5009") == nil)
        }
    }

    @Test("ten agents race for one DN: exactly one gets it")
    func dnRace() async throws {
        try await VoiceRedisHarness.run { h in
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        do {
                            try await h.run(.login(dn: "6000", agentId: "agent\(i)"), "user\(i)")
                            return true
                        } catch let error as VoiceError where error.code == .dnInUse {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let owner = try #require(try await h.controller.store.userName(tenant: Self.tenant, dn: "6000"))
            #expect(try await h.controller.record(tenant: Self.tenant, userName: owner).loggedInDn == "6000")
        }
    }

    @Test("commands by DN (the tenant simulator) reach the agent logged in on it")
    func byDn() async throws {
        try await VoiceRedisHarness.run { h in
            await #expect(throws: VoiceError(.notFound, "nobody is logged in on DN 5001")) {
                try await h.controller.execute(.inboundRinging(ani: "1", dnis: "2"), tenant: Self.tenant, dn: "5001")
            }
            try await h.run(.login(dn: "5001", agentId: "a1"))
            try await h.run(.ready())
            let ringing = try await h.controller.execute(
                .inboundRinging(ani: "+15551234", dnis: "8000", callUuid: "SIM-1"), tenant: Self.tenant, dn: "5001")
            let call = try #require(ringing.record.calls.first)
            #expect(call.state == .ringing && call.callUuid == "SIM-1" && ringing.record.userName == Fixture.userName)
            try await h.run(.answer(callId: call.id))
            let dropped = try await h.controller.execute(.remoteRelease(callId: call.id), tenant: Self.tenant, dn: "5001")
            #expect(dropped.record.calls.first?.state == .released)
            #expect(dropped.notifications.map(\.sequence) == [5])
        }
    }

    @Test("a refused command writes and publishes nothing")
    func refusedChangesNothing() async throws {
        try await VoiceRedisHarness.run { h in
            try await h.run(.login(dn: "5001", agentId: "a1"))
            let outcome = try await h.run(.inboundRinging(ani: "1", dnis: "2"))
            let before = try #require(try await h.storedJSON())
            let subscriber = RedisSubscriber(configuration: await h.server.configuration(), logger: quietLogger)
            let bus = try await subscriber.psubscribe(patterns: [AgentNotification.busPattern])
            let refused: [VoiceCommand] = [
                .hold(callId: outcome.record.calls[0].id), .logout, .login(dn: "5002", agentId: "x"), .answer(callId: "nope"),
                .dndOff,
            ]
            for command in refused {
                await #expect(throws: VoiceError.self) { try await h.run(command) }
            }
            #expect(try await h.storedJSON() == before)
            // The next accepted command is the first message the bus sees.
            try await h.run(.ready())
            var iterator = bus.makeAsyncIterator()
            let message = try #require(await iterator.next())
            #expect(message.pattern == "gws:events:*" && message.channel == "gws:events:acme")
            let notification = try AgentNotification(jsonString: message.string)
            #expect(notification.sequence == 3 && notification.voiceEvent?.messageType == "DnStateChanged")
            await subscriber.close()
        }
    }

    @Test("notifications on the bus: envelope, order, and what statistics need")
    func published() async throws {
        try await VoiceRedisHarness.run { h in
            let subscriber = RedisSubscriber(configuration: await h.server.configuration(), logger: quietLogger)
            let bus = try await subscriber.psubscribe(patterns: [AgentNotification.busPattern])
            try await h.run(.login(dn: "5001", agentId: "+33298025003", employeeId: "E101"))
            let made = try await h.run(.makeCall(destination: "+15550000"))
            try await h.run(.release(callId: made.record.calls[0].id))
            var iterator = bus.makeAsyncIterator()
            var received: [AgentNotification] = []
            while received.count < 4, let message = await iterator.next() {
                received.append(try AgentNotification(jsonString: message.string))
            }
            #expect(received.map(\.sequence) == [1, 2, 3, 4])
            #expect(received.allSatisfy { $0.tenant == "acme" && $0.userName == "jsmith" && $0.employeeId == "E101" })
            #expect(received.allSatisfy { $0.channel == "/workspace/v3/voice" })
            #expect(Array(received[1...2]) == made.notifications)
            #expect(received[0].data["dn"]?["agentState"] == "LoggedIn")
            #expect(received[1].data["notificationType"] == "NewCall" && received[1].data["call"]?["state"] == "Dialing")
            let released = try #require(received[3].data["call"])
            #expect(released["state"] == "Released")
            #expect(released["timestamps"]?["talkSeconds"] == 1)  // established at t0+1, released at t0+2
            #expect(received[3].at == at(2))

            try await h.controller.publish(
                [.serviceStateChanged(ServiceStateChanged(serviceState: .available))], tenant: "acme", userName: "jsmith")
            let service = try AgentNotification(jsonString: try #require(await iterator.next()).string)
            #expect(service.sequence == nil && service.data["serviceState"] == "AVAILABLE")
            await subscriber.close()
        }
    }

    @Test("records survive the instance: another controller on another client carries on")
    func anotherInstance() async throws {
        try await VoiceRedisHarness.run { h in
            try await h.run(.login(dn: "5001", agentId: "a1"))
            let call = try await h.run(.inboundRinging(ani: "1", dnis: "2")).record.calls[0]
            let (other, client) = await h.secondInstance()
            let answered = try await other.execute(.answer(callId: call.id), tenant: Self.tenant, userName: Fixture.userName)
            #expect(answered.record.version == 3 && answered.record.calls[0].state == .established)
            let stored = try await h.controller.record(tenant: Self.tenant, userName: Fixture.userName)
            #expect(stored == answered.record)
            await client.close()
        }
    }
}
