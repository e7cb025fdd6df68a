import GWSStores
import GWSTestKit
import Testing

/// Stream ids (pure) and the stream helpers against a real redis-server.
@Suite("Redis streams")
struct RedisStreamTests {
    @Test("stream ids parse, print and order as Redis orders them")
    func ids() throws {
        let id = try #require(RedisStreamID("1767225600123-7"))
        #expect(id == RedisStreamID(milliseconds: 1_767_225_600_123, sequence: 7))
        #expect(id.description == "1767225600123-7")
        #expect(RedisStreamID("42") == RedisStreamID(milliseconds: 42, sequence: 0))
        for bad in ["", "-", "1-", "-1", "a-1", "1-2-3", "1-x"] { #expect(RedisStreamID(bad) == nil, "\(bad)") }
        #expect(RedisStreamID.zero < id)
        #expect(RedisStreamID(milliseconds: 5, sequence: 9) < RedisStreamID(milliseconds: 6, sequence: 0))
        #expect(RedisStreamID(milliseconds: 5, sequence: 1) < RedisStreamID(milliseconds: 5, sequence: 2))
    }

    @Test("XADD with MAXLEN ~, XREAD after an id with COUNT, XLEN and the first entry")
    func addAndRead() async throws {
        try await RedisTestServer.withServer { server in
            let client = RedisClient(configuration: await server.configuration(), logger: quietLogger)
            defer { Task { await client.close() } }
            #expect(try await client.xlen("s") == 0)
            #expect(try await client.xfirst("s") == nil)
            #expect(try await client.xread("s", after: .zero).isEmpty)
            var ids: [RedisStreamID] = []
            for i in 0..<5 {
                ids.append(
                    try await client.xadd(
                        "s", approximateMaximumLength: 1000, fields: [.init(name: "n", value: "m\(i)"), .init(name: "x", value: "é")]))
            }
            #expect(ids == ids.sorted() && Set(ids).count == 5)
            #expect(try await client.xlen("s") == 5)
            #expect(try await client.xfirst("s")?.id == ids[0])
            let all = try await client.xread("s", after: .zero)
            #expect(all.map(\.id) == ids)
            #expect(all.map { $0["n"] } == ["m0", "m1", "m2", "m3", "m4"])
            #expect(all.first?["x"] == "é")
            #expect(all.first?["missing"] == nil)
            let page = try await client.xread("s", after: ids[1], count: 2)
            #expect(page.map(\.id) == [ids[2], ids[3]])
            #expect(try await client.xread("s", after: ids[4]).isEmpty)
        }
    }

    @Test("a blocking XREAD returns an entry added while it waits, and nothing when none comes")
    func blockingRead() async throws {
        try await RedisTestServer.withServer { server in
            let reader = RedisClient(configuration: await server.configuration(), logger: quietLogger)
            let writer = RedisClient(configuration: await server.configuration(), logger: quietLogger)
            defer { Task { await reader.close(); await writer.close() } }
            #expect(try await reader.xread("s", after: .zero, block: .milliseconds(50)).isEmpty)
            let read = Task { try await reader.xread("s", after: .zero, count: 10, block: .seconds(30)) }
            // Added after the read is waiting (or before: then it is read at once; either way it is returned).
            let id = try await writer.xadd("s", fields: [.init(name: "n", value: "late")])
            let entries = try await read.value
            #expect(entries.map(\.id) == [id])
            #expect(entries.first?["n"] == "late")
        }
    }
}
