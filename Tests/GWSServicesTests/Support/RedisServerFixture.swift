#if canImport(Glibc)
import GWSTestKit
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GWSStores
import Logging
import Subprocess
import Synchronization
import SystemPackage

/// A real `redis-server` on an ephemeral port, for one test.
///
/// Started with swift-subprocess in its own process group under `timeout`
/// (a safety net: a server outlives a crashed test run by at most two
/// minutes). Use ``withServer(_:)``, which always stops the server.
actor RedisServerFixture {
    private(set) var port: Int = 0
    private var pid: Int32?
    private var process: Task<Void, Never>?
    private var exited: ExitFlag?

    static let executable = "/usr/bin/redis-server"

    /// Starts a server, runs `body`, stops the server (whatever `body` did).
    static func withServer<T: Sendable>(_ body: (RedisServerFixture) async throws -> T) async throws -> T {
        let server = RedisServerFixture()
        do {
            try await server.start()
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// `GWS_REDIS_URL` of this server.
    var url: String { "redis://127.0.0.1:\(port)/0" }

    /// Starts on a free port (a fresh one if the first is taken meanwhile).
    func start() async throws {
        for _ in 0..<5 {
            port = try freePort()
            if try await launch() { return }
        }
        throw FixtureError("redis-server did not start")
    }

    /// Kills the server (SIGKILL) and waits for it to be gone; idempotent.
    func stop() async {
        if let pid {
            for child in Self.children(of: pid) { _ = kill(child, SIGKILL) }
            for _ in 0..<100 where !(exited?.isSet ?? true) { try? await Task.sleep(for: .milliseconds(5)) }
            _ = kill(-pid, SIGKILL)
        }
        await process?.value
        pid = nil
        process = nil
    }

    private func launch() async throws -> Bool {
        let arguments = [
            "--kill-after=5", "120", Self.executable, "--port", String(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
        ]
        var options = PlatformOptions()
        options.processGroupID = 0
        let (pids, sink) = AsyncStream.makeStream(of: Int32.self)
        let exited = ExitFlag()
        let task = Task.detached {
            _ = try? await Subprocess.run(
                .path(FilePath("/usr/bin/timeout")), arguments: Arguments(arguments), platformOptions: options,
                input: .none, output: .discarded, error: .discarded
            ) { execution in
                sink.yield(execution.processIdentifier.value)
            }
            sink.finish()
            exited.set()
        }
        var iterator = pids.makeAsyncIterator()
        guard let pid = await iterator.next() else { return false }
        self.pid = pid
        self.process = task
        self.exited = exited
        for _ in 0..<500 {
            if exited.isSet {
                self.pid = nil
                return false
            }
            if await ping() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        await stop()
        return false
    }

    private static func children(of pid: Int32) -> [Int32] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else {
            return []
        }
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private func ping() async -> Bool {
        let config = RedisConfiguration(host: "127.0.0.1", port: port, connectTimeout: .milliseconds(200))
        guard let connection = try? await RedisConnection.connect(configuration: config, logger: testLogger) else {
            return false
        }
        let reply = try? await connection.send(["PING"], timeout: .seconds(1))
        await connection.close()
        return reply?.string == "PONG"
    }
}

/// A flag set once, read from anywhere.
final class ExitFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
