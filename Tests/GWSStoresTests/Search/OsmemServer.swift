import Foundation
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// A real osmem-server (an in-memory Elasticsearch/OpenSearch-compatible
/// server) on an ephemeral port, in its own process group, for one suite.
/// It also exits by itself if this test process dies (`-parent-pid`).
final class OsmemServer: Sendable {
    /// The server's base URL, such as `http://127.0.0.1:41234`.
    let url: String
    /// The server's process id (also its process group id).
    let pid: Int32
    /// The temporary folder holding the server's output; removed on stop.
    let directory: String
    private let run: Task<Void, Never>

    private init(url: String, pid: Int32, directory: String, run: Task<Void, Never>) {
        self.url = url
        self.pid = pid
        self.directory = directory
        self.run = run
    }

    /// Starts the server and waits until it has announced its URL;
    /// `address` is `host:port` (port 0: a free one).
    static func start(address: String = "127.0.0.1:0") async throws -> OsmemServer {
        let binary = try OsmemBinary.locate()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gws-osmem-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let log = directory + "/osmem.out"
        let out = try FileDescriptor.open(FilePath(log), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite])
        let err = try FileDescriptor.open(FilePath(log), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite])

        var options = PlatformOptions()
        options.processGroupID = 0  // its own group: stopping signals the whole group
        let arguments = ["-addr", address, "-no-stdin-watch", "-parent-pid", String(getpid())]
        let exited = Mutex<String?>(nil)
        let (pids, sink) = AsyncStream.makeStream(of: Int32.self)
        let run = Task.detached { [options] in
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(binary)), arguments: Arguments(arguments), platformOptions: options, input: .none,
                    output: .fileDescriptor(out, closeAfterSpawningProcess: true),
                    error: .fileDescriptor(err, closeAfterSpawningProcess: true)
                ) { execution in
                    sink.yield(execution.processIdentifier.value)
                }
                exited.withLock { $0 = "exited: \(result.terminationStatus)" }
            } catch {
                exited.withLock { $0 = "could not be started: \(error)" }
            }
            sink.finish()
        }
        var iterator = pids.makeAsyncIterator()
        guard let pid = await iterator.next() else {
            try? FileManager.default.removeItem(atPath: directory)
            throw OsmemError("osmem-server at \(binary) \(exited.withLock { $0 } ?? "did not start")")
        }
        do {
            let url = try await waitForAnnouncement(log: log, binary: binary) { exited.withLock { $0 } }
            return OsmemServer(url: url, pid: pid, directory: directory, run: run)
        } catch {
            await stop(pid: pid, run: run)
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Reads the `{"url": …}` line the server prints on stdout once it listens.
    private static func waitForAnnouncement(
        log: String, binary: String, exited: @Sendable () -> String?
    ) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") where line.hasPrefix("{") {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if let url = object?["url"] as? String { return url }
            }
            if let exit = exited() {
                throw OsmemError("osmem-server at \(binary) \(exit) before listening; its output:\n\(text.suffix(2000))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw OsmemError("osmem-server at \(binary) did not announce its URL within 20 s (log: \(log))")
    }

    /// Kills the server's whole process group and waits until it has been reaped.
    func stop() async {
        await Self.stop(pid: pid, run: run)
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func stop(pid: Int32, run: Task<Void, Never>) async {
        if pid > 0 { _ = kill(-pid, SIGKILL) }
        await run.value
    }
}

/// A failure of the osmem fixture.
struct OsmemError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
