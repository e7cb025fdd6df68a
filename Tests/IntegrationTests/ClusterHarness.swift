import AsyncHTTPClient
import Foundation
import GWSOperator
import GWSRuntime
import NIOCore
import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real `gws-operator`, `gwsctl` and `gws-service` binaries on a
/// private state directory with ephemeral ports.
struct ClusterHarness: Sendable {
    let stateDir: String
    let binDir: String

    init() throws {
        stateDir = FileManager.default.temporaryDirectory.appendingPathComponent("gws-it-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
        binDir = Self.locateBinaries()
    }

    static func locateBinaries() -> String {
        if let dir = ProcessInfo.processInfo.environment["GWS_BIN_DIR"] { return dir }
        // The test bundle lives in .build/<triple>/debug; the binaries beside it.
        let candidates = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug").path
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0 + "/gws-operator") } ?? candidates[0]
    }

    var stateDirectory: StateDirectory { StateDirectory(path: stateDir) }

    /// Starts `gws-operator run` in the background; returns its pid.
    func startOperator(_ args: [String] = []) async throws -> Int32 {
        try await spawn(["run", "--state-dir", stateDir] + args, log: stateDir + "/operator-\(UUID().uuidString.prefix(4)).out")
    }

    /// Starts `gws-operator <arguments>` in its own process group, output to `log`; returns its pid.
    func spawn(_ arguments: [String], log: String) async throws -> Int32 {
        let out = try FileDescriptor.open(FilePath(log), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite])
        let err = try FileDescriptor.open(FilePath(log), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite])
        let (pids, sink) = AsyncStream.makeStream(of: Int32.self)
        var options = PlatformOptions()
        options.processGroupID = 0
        let binary = binDir + "/gws-operator"
        Task.detached {
            _ = try? await Subprocess.run(
                .path(FilePath(binary)), arguments: Arguments(arguments), platformOptions: options, input: .none,
                output: .fileDescriptor(out, closeAfterSpawningProcess: true),
                error: .fileDescriptor(err, closeAfterSpawningProcess: true)
            ) { execution in
                sink.yield(execution.processIdentifier.value)
                sink.finish()
            }
            sink.finish()
        }
        var iterator = pids.makeAsyncIterator()
        guard let pid = await iterator.next() else { throw HarnessError("could not start \(binary) \(arguments.first ?? "")") }
        return pid
    }

    struct CommandResult {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `gwsctl <args> --state-dir <dir>` to completion.
    func gwsctl(_ args: [String]) async throws -> CommandResult {
        let result = try await Subprocess.run(
            .path(FilePath(binDir + "/gwsctl")), arguments: Arguments(args + ["--state-dir", stateDir]),
            output: .string(limit: 4 * 1024 * 1024), error: .string(limit: 1024 * 1024))
        let code: Int32
        switch result.terminationStatus {
        case .exited(let c): code = c
        case .signaled(let s): code = 128 + s
        }
        return CommandResult(status: code, stdout: result.standardOutput, stderr: result.standardError)
    }

    func status() async throws -> OperatorStatus {
        let result = try await gwsctl(["status", "-o", "json"])
        guard result.status == 0 else { throw HarnessError("gwsctl status failed: \(result.stderr)") }
        return try JSONDecoder().decode(OperatorStatus.self, from: Data(result.stdout.utf8))
    }

    /// Polls status until `condition` holds (at most `timeout`).
    @discardableResult
    func waitFor(
        _ what: String, timeout: Duration = .seconds(60), _ condition: (OperatorStatus) -> Bool
    ) async throws -> OperatorStatus {
        let deadline = ContinuousClock.now + timeout
        var last: OperatorStatus?
        while ContinuousClock.now < deadline {
            if let status = try? await status() {
                last = status
                if condition(status) { return status }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw HarnessError("timed out waiting for \(what); last status: \(String(describing: last))\n\(operatorLog())")
    }

    func waitForAllReady(timeout: Duration = .seconds(90)) async throws -> OperatorStatus {
        try await waitFor("every instance ready", timeout: timeout) { $0.phase == "Running" }
    }

    func operatorLog() -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: stateDir)) ?? []
        return files.filter { $0.hasPrefix("operator-") }.compactMap {
            try? String(contentsOfFile: stateDir + "/" + $0, encoding: .utf8)
        }.joined(separator: "\n").suffix(4000).description
    }

    /// GET through the proxy (or any URL).
    func get(_ url: String, client: HTTPClient = .shared) async throws -> (status: Int, body: String) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1024 * 1024)
        return (Int(response.status.code), String(buffer: body))
    }

    func stopEverything() async {
        _ = try? await gwsctl(["down"])
        // Belt and braces: anything still recorded goes.
        for record in stateDirectory.readRecords() { kill(-record.pid, SIGKILL) }
        if let endpoint = stateDirectory.readJSON(OperatorEndpoint.self, from: stateDirectory.operatorFile) {
            kill(endpoint.pid, SIGKILL)
        }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = ProcStat.read(pid: pid) else { return false }
        return stat.state != "Z"
    }

    func waitUntilDead(_ pid: Int32, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !Self.isAlive(pid) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return !Self.isAlive(pid)
    }
}

/// Runs `body` with `count` fresh clusters and always stops them afterwards,
/// whether the body passed, failed or threw.
func withClusters(_ count: Int, _ body: ([ClusterHarness]) async throws -> Void) async throws {
    let clusters = try (0..<count).map { _ in try ClusterHarness() }
    do {
        try await body(clusters)
    } catch {
        for c in clusters { await c.stopEverything() }
        throw error
    }
    for c in clusters { await c.stopEverything() }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
