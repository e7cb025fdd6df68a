#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GWSStores
import Logging
import Subprocess
import SystemPackage

/// A real PostgreSQL server on an ephemeral port in a temporary directory,
/// started with `PostgresServer`'s command line in its own process group
/// (trust authentication). `stop()` sends SIGINT (fast shutdown) to the
/// group, then SIGKILL after 10 s; use ``withServer(_:)``, which always stops
/// it and deletes its files.
actor PostgresTestServer {
    let root: String
    let server: PostgresServer
    nonisolated var port: Int { server.port }
    private var running: (pid: pid_t, task: Task<Void, Never>)?

    private init(root: String, server: PostgresServer) {
        self.root = root
        self.server = server
    }

    /// Creates and starts a server, runs `body`, then stops it and deletes its files.
    static func withServer<T: Sendable>(start: Bool = true, _ body: (PostgresTestServer) async throws -> T) async throws -> T {
        let server = try await make()
        do {
            if start { try await server.start() }
            let result = try await body(server)
            await server.stop()
            await server.removeFiles()
            return result
        } catch {
            await server.stop()
            await server.removeFiles()
            throw error
        }
    }

    /// Creates the directories and the cluster (not started yet).
    static func make() async throws -> PostgresTestServer {
        var template = Array("/tmp/gws-svctest-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw POSIXError(.EIO) }
        let root = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let server = try PostgresServer(dataDirectory: "\(root)/data", port: try freePort(), socketDirectory: "\(root)/sock")
        let fixture = PostgresTestServer(root: root, server: server)
        do {
            try await server.initializeIfNeeded(logger: testLogger)
        } catch {
            await fixture.removeFiles()
            throw error
        }
        return fixture
    }

    /// `GWS_POSTGRES_URL` for `database`.
    nonisolated func url(database: String) -> String {
        "postgres://postgres@127.0.0.1:\(port)/\(database)"
    }

    /// Starts the server and waits until it accepts queries.
    func start() async throws {
        guard running == nil else { return }
        let arguments = try server.launchArguments()
        let log = try FileDescriptor.open(
            FilePath("\(root)/postgres.log"), .writeOnly,
            options: [.create, .append], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        var options = PlatformOptions()
        options.processGroupID = 0
        let (pids, continuation) = AsyncStream<pid_t>.makeStream()
        let task = Task {
            _ = try? await Subprocess.run(
                .path(FilePath(arguments[0])), arguments: Arguments(Array(arguments.dropFirst())),
                platformOptions: options, input: .none,
                output: .fileDescriptor(log, closeAfterSpawningProcess: true), error: .combinedWithOutput
            ) { execution in
                continuation.yield(execution.processIdentifier.value)
                continuation.finish()
            }
            continuation.finish()
        }
        var iterator = pids.makeAsyncIterator()
        guard let pid = await iterator.next() else { throw FixtureError("postgres did not start: \(logTail())") }
        running = (pid, task)
        try await waitUntilReady()
    }

    /// Stops the server (SIGINT to its group, SIGKILL after 10 s); idempotent.
    func stop() async {
        guard let (pid, task) = running else { return }
        running = nil
        kill(-pid, SIGINT)
        for _ in 0..<500 where kill(-pid, 0) == 0 {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if kill(-pid, 0) == 0 { kill(-pid, SIGKILL) }
        await task.value
    }

    /// Deletes the temporary directory.
    func removeFiles() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Creates a fresh, uniquely named database and returns its name.
    func makeDatabase() async throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try await withAdminStore { try await $0.ensureDatabase(named: String(name)) }
        return String(name)
    }

    private func withAdminStore(_ body: @Sendable (PostgresStore) async throws -> Void) async throws {
        let configuration = PostgresConfiguration(host: "127.0.0.1", port: port, username: "postgres", database: "postgres")
        let store = try PostgresStore(configuration: configuration, operationTimeout: .seconds(5), logger: testLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await body(store)
        }
    }

    private func waitUntilReady() async throws {
        for _ in 0..<100 {
            if let pid = running?.pid, kill(pid, 0) != 0 { break }
            if (try? await withAdminStore { try await $0.ping(timeout: .seconds(1)) }) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        await stop()
        throw FixtureError("postgres did not become ready: \(logTail())")
    }

    private func logTail() -> String {
        let text = (try? String(contentsOfFile: "\(root)/postgres.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(5).joined(separator: " | ")
    }
}
