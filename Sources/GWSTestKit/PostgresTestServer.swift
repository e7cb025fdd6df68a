import Foundation
import GWSStores
import Logging
import PostgresNIO
import Subprocess
import SystemPackage

/// A real PostgreSQL server on an ephemeral port in a temporary directory,
/// started with `PostgresServer`'s command line in its own process group.
///
/// `stop()` sends SIGINT (fast shutdown) to the group, then SIGKILL if it has
/// not exited within 10 s. Shared by every test target that needs PostgreSQL.
public actor PostgresTestServer {
    /// The role whose TCP logins need a password (scram-sha-256 in pg_hba.conf).
    public static let passwordRole = "gws_pw_user"

    public let root: String
    public let server: PostgresServer
    public nonisolated var port: Int { server.port }
    private var running: (pid: pid_t, task: Task<Void, Never>)?

    private init(root: String, server: PostgresServer) {
        self.root = root
        self.server = server
    }

    /// Creates and starts a server, runs `body`, then stops it and deletes its files.
    public static func withServer<T: Sendable>(
        start: Bool = true, _ body: (PostgresTestServer) async throws -> T
    ) async throws -> T {
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
    public static func make() async throws -> PostgresTestServer {
        var template = Array("/tmp/gws-pgtest-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw POSIXError(.EIO) }
        let root = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let server = try PostgresServer(
            dataDirectory: "\(root)/data", port: try freePort(), socketDirectory: "\(root)/sock"
        )
        let fixture = PostgresTestServer(root: root, server: server)
        do {
            try await server.initializeIfNeeded(logger: kitLogger)
            let hba = "\(root)/data/pg_hba.conf"
            let original = try String(contentsOfFile: hba, encoding: .utf8)
            let line = "host all \(passwordRole) 127.0.0.1/32 scram-sha-256\n"
            try (line + original).write(toFile: hba, atomically: false, encoding: .utf8)
        } catch {
            await fixture.removeFiles()
            throw error
        }
        return fixture
    }

    /// The superuser's configuration for database `database`.
    public nonisolated func configuration(database: String = "postgres") -> PostgresConfiguration {
        PostgresConfiguration(host: "127.0.0.1", port: port, username: "postgres", database: database)
    }

    /// `GWS_POSTGRES_URL` for `database`.
    public nonisolated func url(database: String) -> String {
        "postgres://postgres@127.0.0.1:\(port)/\(database)"
    }

    /// Starts the server and waits until it accepts connections.
    public func start() async throws {
        guard running == nil else { return }
        let arguments = try server.launchArguments()
        let log = try FileDescriptor.open(
            FilePath("\(root)/postgres.log"), .writeOnly,
            options: [.create, .append], permissions: [.ownerReadWrite, .groupRead, .otherRead]
        )
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
        guard let pid = await iterator.next() else {
            throw PostgresStoreError(code: .unreachable, endpoint: nil, message: "postgres did not start: \(logTail())")
        }
        running = (pid, task)
        try await waitUntilReady()
    }

    /// Stops the server (SIGINT to its group, SIGKILL after 10 s); idempotent.
    public func stop() async {
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
    public func removeFiles() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Creates a fresh, uniquely named database and returns its name.
    public func makeDatabase() async throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try await withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: kitLogger)
        }
        return String(name)
    }

    /// Runs `body` on a direct superuser connection to `postgres`.
    public func withConnection(_ body: (PostgresConnection) async throws -> Void) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: try configuration().makeConnectionConfiguration(), id: 1, logger: kitLogger
        )
        do {
            try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// Waits until *this* server answers on ``port``: another test's server
    /// that took the port between `freePort()` and our bind would answer too
    /// (ours then exits), so the answer must name our data directory.
    private func waitUntilReady() async throws {
        var other: String?
        for _ in 0..<300 {
            if let pid = running?.pid, kill(pid, 0) != 0 { break }
            if let directory = try? await answeringDataDirectory() {
                if directory == server.dataDirectory { return }
                other = directory
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        await stop()
        let taken = other.map { " (port \(port) is answered by another server, data directory \($0))" } ?? ""
        throw PostgresStoreError(code: .unreachable, endpoint: "127.0.0.1:\(port)",
                                 message: "postgres did not become ready\(taken): \(logTail())")
    }

    /// The data directory of the server answering on ``port``.
    private func answeringDataDirectory() async throws -> String? {
        var directory: String?
        try await withConnection { connection in
            let rows = try await connection.query("SHOW data_directory", logger: kitLogger)
            for try await (value) in rows.decode(String.self) { directory = value }
        }
        return directory
    }

    private func logTail() -> String {
        let text = (try? String(contentsOfFile: "\(root)/postgres.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(5).joined(separator: " | ")
    }
}


let kitLogger = Logger(label: "gws-testkit", factory: { _ in SwiftLogNoOpLogHandler() })
