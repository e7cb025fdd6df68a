// GET/SET throughput of our Redis client (GWSRedis), for hack/bench-redis.sh,
// which starts the server and compares with redis-benchmark.
//
//   redis-throughput --port P [--host H] [--requests N] [--clients C] [--pipeline 1,16]
//
// Like `redis-benchmark -t set,get -n N -c C [-P 16]`: C concurrent tasks over
// a pool of at most C connections share N SETs, then N GETs (3-byte values,
// keys `key:0`…`key:999`); with a pipeline of P each task sends P commands per
// `pipeline` call. Prints one line per pipeline depth:
//
//   GWS_BENCH pipeline=1 SET=<req/s> GET=<req/s>

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GWSRedis
import Logging

struct Options {
    var host = "127.0.0.1"
    var port = 6379
    var requests = 100_000
    var clients = 50
    var pipelines = [1, 16]

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("missing value for \(arguments[i - 1])") }
            return arguments[i]
        }
        func number(_ text: String) -> Int {
            guard let n = Int(text), n > 0 else { fail("not a positive number: \(text)") }
            return n
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--host": options.host = value()
            case "--port": options.port = number(value())
            case "--requests", "-n": options.requests = number(value())
            case "--clients", "-c": options.clients = number(value())
            case "--pipeline", "-P": options.pipelines = value().split(separator: ",").map { number(String($0)) }
            case "--help", "-h":
                print(
                    "usage: redis-throughput [--host H] [--port P] [--requests N] [--clients C] [--pipeline 1,16]"
                )
                exit(0)
            default: fail("unknown argument \(arguments[i])")
            }
            i += 1
        }
        return options
    }
}

func fail(_ message: String) -> Never {
    let text = "redis-throughput: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let keys = (0..<1000).map { "key:\($0)" }
let value = "xxx"  // redis-benchmark's default payload is 3 bytes

/// Requests per second for `requests` commands from `options.clients` concurrent tasks.
func run(
    _ client: RedisClient, pipeline: Int, requests: Int = options.requests,
    _ command: @escaping @Sendable (Int) -> [String]
) async throws -> Double {
    let clients = options.clients
    let perClient = max(1, requests / clients)
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for c in 0..<clients {
            group.addTask {
                var i = 0
                while i < perClient {
                    let base = c * perClient + i
                    if pipeline == 1 {
                        try await client.command(command(base))
                        i += 1
                    } else {
                        let batch = min(pipeline, perClient - i)
                        let replies = try await client.pipeline((0..<batch).map { command(base + $0) })
                        for case .error(let message) in replies { throw RedisError(.server, message) }
                        i += batch
                    }
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(perClient * clients) / seconds
}

var logger = Logger(label: "redis-throughput")
logger.logLevel = .warning
let client = RedisClient(
    configuration: RedisConfiguration(host: options.host, port: options.port, maximumConnections: options.clients),
    logger: logger)
do {
    // Warm up: open the pool's connections.
    _ = try await run(client, pipeline: 1, requests: 20 * options.clients) { i in ["SET", keys[i % 1000], value] }
    for pipeline in options.pipelines {
        let set = try await run(client, pipeline: pipeline) { i in ["SET", keys[i % 1000], value] }
        let get = try await run(client, pipeline: pipeline) { i in ["GET", keys[i % 1000]] }
        print("GWS_BENCH pipeline=\(pipeline) SET=\(Int(set)) GET=\(Int(get))")
    }
} catch {
    fail("\(error)")
}
await client.close()
