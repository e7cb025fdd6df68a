import Foundation
import Logging

extension PostgresServer {
    /// Runs `initdb` if the data directory is missing or empty (trust auth, UTF8,
    /// locale C); creates the socket directory. As root, hands the data
    /// directory, its parent and the socket directory to `serviceUser` first.
    /// - Returns: `true` if a new cluster was created.
    @discardableResult
    public func initializeIfNeeded(logger: Logger) async throws -> Bool {
        let files = FileManager.default
        if files.fileExists(atPath: "\(dataDirectory)/PG_VERSION") { return false }
        if let existing = try? files.contentsOfDirectory(atPath: dataDirectory), !existing.isEmpty {
            throw failure("\(dataDirectory) is not empty and holds no PostgreSQL cluster (no PG_VERSION)")
        }
        do {
            try files.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            try files.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create \(dataDirectory) or \(socketDirectory): \(error.localizedDescription)")
        }

        let initdb = [
            "\(binDirectory)/initdb", "-D", dataDirectory, "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C",
        ]
        var arguments = initdb
        if let user = runAsUser {
            let parent = (dataDirectory as NSString).deletingLastPathComponent
            try handOver([dataDirectory, socketDirectory] + (Self.isSharedFolder(parent) ? [] : [parent]), to: user)
            arguments = [try Self.runuserPath(), "-u", user, "--"] + initdb
        }
        logger.info("initialising PostgreSQL cluster", metadata: ["dataDirectory": "\(dataDirectory)"])
        let result: ChildProcess.Result
        do {
            result = try await ChildProcess.run(arguments)
        } catch {
            throw failure("cannot run initdb: \(error)")
        }
        guard result.status == 0 else {
            let tail = result.output.split(separator: "\n").suffix(5).joined(separator: " | ")
            throw failure("initdb for \(dataDirectory) exited with status \(result.status): \(tail)")
        }
        return true
    }

    /// Changes the owner of `paths` to `user` (and its primary group).
    func handOver(_ paths: [String], to user: String) throws {
        guard let entry = getpwnam(user) else { throw failure("user \(user) does not exist") }
        for path in paths where chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) != 0 {
            throw failure("cannot chown \(path) to \(user): \(String(cString: strerror(errno)))")
        }
    }

    /// Folders shared with others whose owner must never change.
    private static func isSharedFolder(_ path: String) -> Bool {
        let normalized = (path as NSString).standardizingPath
        return ["/", "/tmp", "/var/tmp", "/var", "/var/lib", "/home", "/root", "/usr", "/opt", "/srv", "/run"]
            .contains(normalized)
    }

    func failure(_ message: String) -> PostgresStoreError {
        PostgresStoreError(code: .invalidConfiguration, endpoint: "127.0.0.1:\(port)", message: message)
    }
}
