#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Subprocess
import SystemPackage

/// One Redis process (`redis-server` or `redis-sentinel`) started for a test:
/// under `timeout` (a server outlives a crashed test run by at most three
/// minutes), in its own process group, output discarded.
struct RedisTestProcess: Sendable {
    /// The pid of `timeout` (the group leader).
    let pid: Int32
    private let task: Task<Void, Never>
    private let exited: RedisTestServerExitFlag

    /// Whether the process has exited (e.g. its port was taken).
    var hasExited: Bool { exited.isSet }

    /// Starts `executable arguments…`; nil when it could not be spawned.
    static func launch(_ executable: String, _ arguments: [String]) async -> RedisTestProcess? {
        var options = PlatformOptions()
        options.processGroupID = 0
        let (pids, sink) = AsyncStream.makeStream(of: Int32.self)
        let exited = RedisTestServerExitFlag()
        let task = Task.detached {
            _ = try? await Subprocess.run(
                .path(FilePath("/usr/bin/timeout")), arguments: Arguments(["--kill-after=5", "180", executable] + arguments),
                platformOptions: options, input: .none, output: .discarded, error: .discarded
            ) { execution in
                sink.yield(execution.processIdentifier.value)
            }
            sink.finish()
            exited.set()
        }
        var iterator = pids.makeAsyncIterator()
        guard let pid = await iterator.next() else {
            await task.value
            return nil
        }
        return RedisTestProcess(pid: pid, task: task, exited: exited)
    }

    /// SIGKILLs the Redis process (then whatever is left in its group) and waits until it is gone.
    func stop() async {
        // The Redis process first, so `timeout` reaps it and exits (no orphaned zombie).
        for child in Self.children(of: pid) { _ = kill(child, SIGKILL) }
        for _ in 0..<200 where !exited.isSet { try? await Task.sleep(for: .milliseconds(5)) }
        _ = kill(-pid, SIGKILL)
        await task.value
    }

    /// The pids of `pid`'s children (Linux: /proc/<pid>/task/<pid>/children).
    private static func children(of pid: Int32) -> [Int32] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else {
            return []
        }
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
