import Foundation

/// Runs a short-lived helper program (e.g. `initdb`) to completion with `posix_spawn`.
///
/// This module does not depend on swift-subprocess, and `Foundation.Process`
/// has signal-mask and exit-detection problems on Linux (see PITFALLS.md), so
/// the few one-shot commands it needs are spawned directly. Output (stdout and
/// stderr) is collected through a temporary file.
enum ChildProcess {
    /// The exit status and combined output of a finished command.
    struct Result: Sendable {
        let status: Int32
        let output: String
    }

    /// Runs `arguments[0]` (an absolute path) with `arguments`, waiting without blocking a thread.
    static func run(_ arguments: [String]) async throws -> Result {
        var template = Array("/tmp/gws-child-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let logPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            close(fd)
            unlink(logPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }

        let status = try await waitForExit(pid)
        let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return Result(status: status, output: output)
    }

    /// Polls `waitpid(WNOHANG)` so no thread blocks; returns the exit code (128+signal if killed).
    private static func waitForExit(_ pid: pid_t) async throws -> Int32 {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
            do {
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw error
            }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
