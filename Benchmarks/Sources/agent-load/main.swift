// agent-load: one load-generator worker of hack/bench-agents.py (`--generator swift`).
//
//   agent-load [--config FILE]      (FILE, or standard input: {"cfg": {...}, "agents": [...]})
//
// Runs the given agents against the proxy exactly as the script's Python `Worker` does and prints
// the same result object as JSON on standard output ({"fatal": "..."} when it could not run).
// Every agent lives on one NIO event loop thread: no locks, no thread hops per request.
import Foundation
import NIOCore
import NIOPosix

func readInput(_ arguments: [String]) throws -> Data {
    if let i = arguments.firstIndex(of: "--config"), i + 1 < arguments.count {
        return try Data(contentsOf: URL(fileURLWithPath: arguments[i + 1]))
    }
    return FileHandle.standardInput.readDataToEndOfFile()
}

func emit(_ data: Data) {
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

func fatal(_ message: String) -> Never {
    let text = (try? JSONEncoder().encode(["fatal": message])) ?? Data(#"{"fatal": "?"}"#.utf8)
    emit(text)
    exit(0)
}

/// "http://127.0.0.1:8090" → ("127.0.0.1", 8090).
func hostAndPort(_ proxy: String) -> (String, Int)? {
    guard let url = URL(string: proxy), url.scheme == "http", let host = url.host else { return nil }
    return (host, url.port ?? 80)
}

// One long poll per agent plus commands: raise the descriptor limit to the hard limit.
var limit = rlimit()
if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max {
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}

let input: WorkerInput
do {
    input = try JSONDecoder().decode(WorkerInput.self, from: readInput(CommandLine.arguments))
} catch {
    fatal("agent-load: bad input: \(error)")
}
guard let (host, port) = hostAndPort(input.cfg.proxy) else {
    fatal("agent-load: proxy must be http://host:port, got \(input.cfg.proxy)")
}

let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let loop = group.next()
let finished = loop.makePromise(of: WorkerResult.self)
loop.execute {
    let worker = Worker(cfg: input.cfg, loop: loop, host: host, port: port) { result in
        finished.succeed(result)
    }
    worker.start(input.agents)
}
do {
    let result = try finished.futureResult.wait()
    emit(try JSONEncoder().encode(result))
} catch {
    fatal("agent-load: \(error)")
}
exit(0)
