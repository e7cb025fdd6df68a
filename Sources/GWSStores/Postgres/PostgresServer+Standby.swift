import Foundation
import Logging

extension PostgresServer {
    /// `standby.signal`: present, the server starts as a read-only standby.
    public var standbySignalFile: String { "\(dataDirectory)/standby.signal" }

    /// Whether the data directory holds a cluster (`PG_VERSION`).
    public var hasCluster: Bool { FileManager.default.fileExists(atPath: "\(dataDirectory)/PG_VERSION") }

    /// Whether the cluster starts as a standby (`standby.signal`).
    public var isStandby: Bool { FileManager.default.fileExists(atPath: standbySignalFile) }

    /// Fences the cluster: writes `standby.signal`, so that if it is ever
    /// started again it comes up read-only, never as a second primary.
    public func writeStandbySignal() throws {
        guard hasCluster else { return }
        guard FileManager.default.createFile(atPath: standbySignalFile, contents: Data()) else {
            throw failure("cannot write \(standbySignalFile)")
        }
        if let user = runAsUser { try handOver([standbySignalFile], to: user) }
    }

    /// Makes the data directory a fresh streaming standby of the server on
    /// 127.0.0.1:`primaryPort`: wipes it, then `pg_basebackup -R -X stream -c fast`
    /// (as `serviceUser` when root), which writes `standby.signal` and
    /// `primary_conninfo`. Refuses while a server still runs on the directory.
    public func rebuildAsStandby(ofPrimaryPort primaryPort: Int, logger: Logger) async throws {
        if let pid = runningPostmasterPID() {
            throw failure("a PostgreSQL server (pid \(pid)) still runs on \(dataDirectory); not wiping it")
        }
        let files = FileManager.default
        do {
            if files.fileExists(atPath: dataDirectory) { try files.removeItem(atPath: dataDirectory) }
            let parent = (dataDirectory as NSString).deletingLastPathComponent
            try files.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try files.createDirectory(atPath: dataDirectory, withIntermediateDirectories: false)
            try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory)
            try files.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot wipe \(dataDirectory): \(error.localizedDescription)")
        }
        let backup = [
            "\(binDirectory)/pg_basebackup", "-D", dataDirectory, "-h", "127.0.0.1", "-p", String(primaryPort),
            "-U", "postgres", "-R", "-X", "stream", "-c", "fast",
        ]
        var arguments = backup
        if let user = runAsUser {
            try handOver([dataDirectory, socketDirectory], to: user)
            arguments = [try Self.runuserPath(), "-u", user, "--"] + backup
        }
        logger.info(
            "copying the primary into a new standby",
            metadata: ["dataDirectory": "\(dataDirectory)", "primaryPort": "\(primaryPort)"])
        let result: ChildProcess.Result
        do {
            result = try await ChildProcess.run(arguments)
        } catch {
            throw failure("cannot run pg_basebackup: \(error)")
        }
        guard result.status == 0 else {
            let tail = result.output.split(separator: "\n").suffix(5).joined(separator: " | ")
            throw failure("pg_basebackup into \(dataDirectory) exited with status \(result.status): \(tail)")
        }
    }

    /// The pid in `postmaster.pid` when that process is alive, else nil.
    public func runningPostmasterPID() -> Int32? {
        guard let text = try? String(contentsOfFile: "\(dataDirectory)/postmaster.pid", encoding: .utf8),
            let first = text.split(separator: "\n").first, let pid = Int32(first.trimmingCharacters(in: .whitespaces)),
            pid > 0
        else { return nil }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state == "Z" || state == "X" ? nil : pid
    }
}
