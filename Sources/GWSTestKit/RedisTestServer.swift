#if canImport(Glibc)
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

/// A real `redis-server` on an ephemeral port, for one test. Shared by every
/// test target that needs Redis.
///
/// Started with swift-subprocess in its own process group under `timeout`
/// (a safety net: a server outlives a crashed test run by at most two
/// minutes), without persistence. Use ``withServer(password:_:)``, which
/// always stops the server, even when the test fails.
public actor RedisTestServer {
    /// The path of the server binary (Debian's `redis-server` package).
    public static let executable = "/usr/bin/redis-server"

    /// The password the server demands (`--requirepass`), if any.
    public let password: String?
    /// The port it listens on (on 127.0.0.1); 0 before ``start()``.
    public private(set) var port: Int = 0
    private var pid: Int32?
    private var process: Task<Void, Never>?
    private var exited: RedisTestServerExitFlag?

    private init(password: String?) {
        self.password = password
    }

    /// Starts a server, runs `body`, stops the server (whatever `body` did).
    public static func withServer<T: Sendable>(
        password: String? = nil, _ body: (RedisTestServer) async throws -> T
    ) async throws -> T {
        let server = RedisTestServer(password: password)
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

    /// `GWS_REDIS_URL` of this server (with its password, if any).
    public var url: String {
        let credentials = password.map { ":\($0)@" } ?? ""
        return "redis://\(credentials)127.0.0.1:\(port)/0"
    }

    /// A client configuration pointing at this server (with its password),
    /// with short timeouts and a quick reconnect backoff.
    public func configuration(maximumConnections: Int = 8) -> RedisConfiguration {
        RedisConfiguration(
            host: "127.0.0.1", port: port, password: password, connectTimeout: .seconds(2),
            commandTimeout: .seconds(5), maximumConnections: maximumConnections,
            reconnect: RedisBackoff(initial: .milliseconds(20), maximum: .milliseconds(200), attempts: 5))
    }

    /// Starts on a free port (a fresh one if the first is taken meanwhile).
    public func start() async throws {
        for _ in 0..<5 {
            port = try freePort()
            if try await launch() { return }
        }
        throw RedisTestServerError("redis-server did not start")
    }

    /// Kills the server (SIGKILL to its group) and waits for it to be gone; idempotent.
    public func stop() async {
        if let pid {
            // SIGKILL redis-server itself first, so `timeout` reaps it and exits
            // (killing both at once leaves an orphaned zombie for init to reap).
            for child in Self.children(of: pid) { _ = kill(child, SIGKILL) }
            for _ in 0..<100 where !(exited?.isSet ?? true) { try? await Task.sleep(for: .milliseconds(5)) }
            _ = kill(-pid, SIGKILL)  // whatever is left in the group
        }
        await process?.value
        pid = nil
        process = nil
    }

    /// Kills the server and starts a new, empty one on the same port.
    public func restart() async throws {
        await stop()
        for _ in 0..<50 {
            if try await launch() { return }
            try await Task.sleep(for: .milliseconds(20))  // the port may linger a moment
        }
        throw RedisTestServerError("redis-server did not restart on port \(port)")
    }

    /// Starts redis-server on `port`; true once it answers PING, false if it exited.
    private func launch() async throws -> Bool {
        var arguments = [
            "--kill-after=5", "120", Self.executable, "--port", String(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
        ]
        if let password { arguments += ["--requirepass", password] }
        var options = PlatformOptions()
        options.processGroupID = 0
        let (pids, sink) = AsyncStream.makeStream(of: Int32.self)
        let exited = RedisTestServerExitFlag()
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
        guard let pid = await iterator.next() else {
            await task.value
            return false
        }
        self.pid = pid
        self.process = task
        self.exited = exited
        for _ in 0..<500 {
            if exited.isSet {  // the port was taken
                self.pid = nil
                await task.value
                self.process = nil
                return false
            }
            if let answering = await serverProcessID() {
                // Another test's server may have taken the port between
                // freePort() and our bind: then ours exits, but that one
                // answers. Only our own redis-server (a child of `timeout`) counts.
                if Self.children(of: pid).contains(answering) { return true }
                await stop()
                return false
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        await stop()
        return false
    }

    /// The pids of `pid`'s children (Linux: /proc/<pid>/task/<pid>/children).
    private static func children(of pid: Int32) -> [Int32] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else {
            return []
        }
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The `process_id` of the redis-server answering on ``port``; nil while none answers.
    private func serverProcessID() async -> Int32? {
        var config = configuration()
        config.connectTimeout = .milliseconds(200)
        guard let connection = try? await RedisConnection.connect(configuration: config, logger: kitLogger) else {
            return nil
        }
        let reply = try? await connection.send(["INFO", "server"], timeout: .seconds(1))
        await connection.close()
        let line = reply?.string?.split(whereSeparator: \.isNewline).first { $0.hasPrefix("process_id:") }
        return line.flatMap { Int32($0.dropFirst("process_id:".count).trimmingCharacters(in: .whitespaces)) }
    }
}

/// A ``RedisTestServer`` that could not be started.
public struct RedisTestServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A flag set once (when the server process exits), read from anywhere.
final class RedisTestServerExitFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
