import GWSStores
import Hummingbird
import Testing

@testable import GWSCometD

/// Thousands of clients holding connects at once, all woken by one broadcast.
/// Drives the server's message processing directly (no JSON), so the test
/// measures the server, not the codec.
@Suite("CometD at scale")
struct ScaleTests {
    static func message(_ fields: [String: JSONValue]) -> BayeuxMessage {
        BayeuxMessage(fields: fields)!
    }

    static func request(user: String) -> Request {
        var headers = HTTPFields()
        headers[HTTPFields.Element.Name("X-Test-User")!] = user
        let head = HTTPRequest(method: .post, scheme: "http", authority: "test", path: "/", headerFields: headers)
        return Request(head: head, body: .init(buffer: ByteBuffer()))
    }

    @Test func fiveThousandHeldConnectsAreAllWokenByABroadcast() async throws {
        let clients = 5000
        let fixture = CometDFixture(longPollTimeout: .seconds(120))
        let server = fixture.server
        let anonymous = Self.request(user: "none\\none")
        var ids: [String] = []
        for index in 0..<clients {
            let request = Self.request(user: "t\(index % 10)\\user\(index)")
            let handshake = try await server.process([Self.message(["channel": "/meta/handshake"])], request: request)
            let id = try #require(handshake.first?["clientId"])
            let replies = try await server.process(
                [
                    Self.message(["channel": "/meta/subscribe", "clientId": id, "subscription": "/stats/**"]),
                    Self.message(["channel": "/meta/connect", "clientId": id]),
                ], request: request)
            #expect(replies.allSatisfy { $0["successful"] == true })
            ids.append(try #require(id.stringValue))
        }
        #expect(server.clientCount == clients)
        let delivered = try await withThrowingTaskGroup(of: [JSONValue].self) { group in
            for id in ids {
                group.addTask {
                    try await server.process(
                        [Self.message(["channel": "/meta/connect", "clientId": .string(id)])], request: anonymous)
                }
            }
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while server.heldConnectCount < clients, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.heldConnectCount == clients)
            #expect(server.broadcast(channel: "/stats/updates", data: ["value": 1]) == clients)
            return try await group.reduce(into: [JSONValue]()) { $0 += deliveries($1) }
        }
        #expect(delivered.count == clients)
        #expect(delivered.allSatisfy { $0 == ["channel": "/stats/updates", "data": ["value": 1]] })
        #expect(server.heldConnectCount == 0)
    }
}
