import Foundation
import GWSStores
import Testing

/// GET/SET throughput of our client, for `hack/bench-redis.sh` (which starts
/// the server and compares with redis-benchmark). Skipped unless `GWS_BENCH`
/// is set; `GWS_BENCH_PORT` names the server's port.
@Suite("Redis client benchmark", .enabled(if: ProcessInfo.processInfo.environment["GWS_BENCH"] != nil))
struct RedisBenchmarkTests {
    static let environment = ProcessInfo.processInfo.environment
    static let requests = Int(environment["GWS_BENCH_REQUESTS"] ?? "") ?? 100_000
    static let clients = Int(environment["GWS_BENCH_CLIENTS"] ?? "") ?? 50

    @Test("GET/SET throughput, plain and pipelined (-P 16)")
    func throughput() async throws {
        let port = try #require(Int(Self.environment["GWS_BENCH_PORT"] ?? ""), "set GWS_BENCH_PORT")
        let client = RedisClient(
            configuration: RedisConfiguration(host: "127.0.0.1", port: port, maximumConnections: Self.clients),
            logger: quietLogger)
        let value = String(repeating: "x", count: 3)  // redis-benchmark's default payload is 3 bytes
        _ = try await run(client, pipeline: 1) { i in ["SET", "key:\(i % 1000)", value] }  // warm up the pool
        var lines: [String] = []
        for pipeline in [1, 16] {
            let set = try await run(client, pipeline: pipeline) { i in ["SET", "key:\(i % 1000)", value] }
            let get = try await run(client, pipeline: pipeline) { i in ["GET", "key:\(i % 1000)"] }
            lines.append("GWS_BENCH pipeline=\(pipeline) SET=\(Int(set)) GET=\(Int(get))")
        }
        for line in lines { print(line) }
        if let path = Self.environment["GWS_BENCH_OUT"] {
            try lines.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        await client.close()
    }

    /// Requests per second for `requests` commands from `clients` concurrent tasks.
    private func run(
        _ client: RedisClient, pipeline: Int, _ command: @escaping @Sendable (Int) -> [String]
    ) async throws -> Double {
        let perClient = Self.requests / Self.clients
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for c in 0..<Self.clients {
                group.addTask {
                    var i = 0
                    while i < perClient {
                        let base = c * perClient + i
                        if pipeline == 1 {
                            try await client.command(command(base))
                            i += 1
                        } else {
                            let batch = min(pipeline, perClient - i)
                            _ = try await client.pipeline((0..<batch).map { command(base + $0) })
                            i += batch
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(perClient * Self.clients) / seconds
    }
}
