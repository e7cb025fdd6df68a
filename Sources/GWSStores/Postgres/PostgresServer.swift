import Foundation
import Logging

/// A local PostgreSQL server's files and command line, for the operator's local
/// mode and for tests: it initialises the data directory and says how to start
/// `postgres`; the caller starts and supervises the process.
///
/// PostgreSQL refuses to run as root, so when this process is root, `initdb`
/// runs through `runuser -u postgres` and the start command names that user.
public struct PostgresServer: Sendable {
    /// The folder holding `initdb` and `postgres`.
    public let binDirectory: String
    /// The cluster's data directory.
    public let dataDirectory: String
    /// The TCP port (on 127.0.0.1).
    public let port: Int
    /// The folder for the Unix socket and its lock file.
    public let socketDirectory: String
    /// The account the server runs as when this process is root.
    public let serviceUser: String

    /// Describes a server; finds the binaries under `/usr/lib/postgresql/<highest version>/bin`
    /// unless `binDirectory` is given.
    public init(
        dataDirectory: String,
        port: Int,
        socketDirectory: String,
        binDirectory: String? = nil,
        serviceUser: String = "postgres"
    ) throws {
        self.binDirectory = try binDirectory ?? Self.locateBinDirectory()
        self.dataDirectory = dataDirectory
        self.port = port
        self.socketDirectory = socketDirectory
        self.serviceUser = serviceUser
    }

    /// `/usr/lib/postgresql/<highest version>/bin` (or under `root`).
    public static func locateBinDirectory(root: String = "/usr/lib/postgresql") throws -> String {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { name in Int(name).map { (version: $0, path: "\(root)/\(name)/bin") } }
            .filter { FileManager.default.isExecutableFile(atPath: "\($0.path)/postgres") }
            .sorted { $0.version > $1.version }
        guard let best = versions.first else {
            throw PostgresStoreError(code: .invalidConfiguration, endpoint: nil,
                                     message: "no PostgreSQL server found under \(root)/*/bin (install the postgresql package)")
        }
        return best.path
    }

    /// The user `postgres` must run as: `serviceUser` when this process is root, else `nil` (ourselves).
    public var runAsUser: String? { geteuid() == 0 ? serviceUser : nil }

    /// The command that starts the server in the foreground (fast shutdown: SIGINT).
    /// When `user` is set, start it as that user (e.g. through `launchArguments`).
    public func commandLine() -> (executable: String, arguments: [String], user: String?) {
        (
            executable: "\(binDirectory)/postgres",
            arguments: [
                "-D", dataDirectory, "-p", String(port),
                "-c", "listen_addresses=127.0.0.1", "-k", socketDirectory, "-c", "fsync=on",
            ],
            user: runAsUser
        )
    }

    /// The full argument vector (executable first) that starts the server as the
    /// right user: `commandLine()`, wrapped in `runuser -u <user> --` when root.
    public func launchArguments() throws -> [String] {
        let command = commandLine()
        guard let user = command.user else { return [command.executable] + command.arguments }
        return [try Self.runuserPath(), "-u", user, "--", command.executable] + command.arguments
    }

    static func runuserPath() throws -> String {
        for path in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw PostgresStoreError(code: .invalidConfiguration, endpoint: nil,
                                 message: "runuser not found: needed to run PostgreSQL as a non-root user")
    }
}
