import Foundation
import GWSStores
import GWSTestKit
import GWSVoice
import Testing

/// Every notification the bus carries is also appended to the event stream
/// (the Data Collector indexer's durable bus), in the same order, atomically.
@Suite("Voice event stream against Redis", .serialized)
struct VoiceEventStreamTests {
    /// The stream's notifications, oldest first.
    func streamed(_ redis: RedisClient) async throws -> [AgentNotification] {
        try await redis.xread(AgentNotification.streamKey, after: .zero).map { entry in
            try AgentNotification(jsonString: try #require(entry[AgentNotification.streamField]))
        }
    }

    @Test("commands append the notifications they publish; a refused one appends nothing; out-of-order ones too")
    func streamMatchesTheBus() async throws {
        try await VoiceRedisHarness.run { h in
            let subscriber = RedisSubscriber(configuration: await h.server.configuration(), logger: quietLogger)
            let bus = try await subscriber.psubscribe(patterns: [AgentNotification.busPattern])
            try await h.run(.login(dn: "5001", agentId: "a1", employeeId: "E1"))
            let made = try await h.run(.makeCall(destination: "+15550000"))
            await #expect(throws: VoiceError.self) { try await h.run(.answer(callId: "nope")) }
            try await h.run(.release(callId: made.record.calls[0].id))
            try await h.controller.publish(
                [.serviceStateChanged(ServiceStateChanged(serviceState: .available))], tenant: "acme", userName: "jsmith")
            var published: [AgentNotification] = []
            var iterator = bus.makeAsyncIterator()
            while published.count < 5, let message = await iterator.next() {
                published.append(try AgentNotification(jsonString: message.string))
            }
            let streamed = try await streamed(h.redis)
            #expect(streamed == published)
            #expect(streamed.map(\.sequence) == [1, 2, 3, 4, nil])
            await subscriber.close()
        }
    }
}
