import Foundation
import GWSRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// One operator per state directory: an exclusive `flock` on
/// `<state>/operator.lock`, released by the kernel however the process ends.
///
/// It is also the leader lease of local mode's operator HA: a standby
/// (`gws-operator run --standby`) waits for the lock and, the moment the
/// leader's process is gone — crashed, killed or stopped — takes it and
/// adopts every running instance. The kernel releases a dead process's lock
/// at once, so no lease has to time out.
final class OperatorLock: Sendable {
    private let fd: Int32

    /// Takes the lock, or fails at once naming the operator that holds it.
    convenience init(state: StateDirectory) throws {
        guard let lock = try Self.tryLock(state: state) else {
            let owner = state.readJSON(OperatorEndpoint.self, from: state.operatorFile)
            let who = owner.map { " (pid \($0.pid), \($0.adminURL))" } ?? ""
            throw RuntimeError(
                "another gws-operator is already running with state directory \(state.root.path)\(who); "
                    + "use `gwsctl apply` to change it or `gwsctl down` to stop it, "
                    + "or start this one with --standby to take over when it is gone")
        }
        self.init(fd: lock.takeDescriptor())
    }

    private init(fd: Int32) {
        self.fd = fd
    }

    /// Waits until the lock is free (polling every `interval`), then takes it.
    static func waitForLock(
        state: StateDirectory, interval: Duration = .milliseconds(100), onWait: @Sendable () -> Void = {}
    ) async throws -> OperatorLock {
        var told = false
        while true {
            if let held = try tryLock(state: state) { return OperatorLock(fd: held.takeDescriptor()) }
            if !told {
                onWait()
                told = true
            }
            try await Task.sleep(for: interval)
        }
    }

    /// The lock when it was free; nil when another process holds it.
    private static func tryLock(state: StateDirectory) throws -> HeldDescriptor? {
        let path = state.lockFile.path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RuntimeError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return HeldDescriptor(fd: fd)
    }

    /// A locked descriptor on its way into an ``OperatorLock``.
    private struct HeldDescriptor {
        let fd: Int32
        func takeDescriptor() -> Int32 { fd }
    }

    deinit { close(fd) }
}
