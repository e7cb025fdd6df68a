import Foundation
import GWSRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// One operator per state directory: an exclusive `flock` on
/// `<state>/operator.lock`, released by the kernel however the process ends.
final class OperatorLock: Sendable {
    private let fd: Int32

    init(state: StateDirectory) throws {
        let path = state.lockFile.path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RuntimeError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            let owner = state.readJSON(OperatorEndpoint.self, from: state.operatorFile)
            let who = owner.map { " (pid \($0.pid), \($0.adminURL))" } ?? ""
            throw RuntimeError(
                "another gws-operator is already running with state directory \(state.root.path)\(who); "
                    + "use `gwsctl apply` to change it or `gwsctl down` to stop it")
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
