import Foundation
import GWSServices
import NIOCore
import NIOPosix

/// The entry point of `gws-service`: picks Swift Concurrency's executor for
/// the role, then runs ``GWSServiceCommand``.
///
/// Roles that mostly move bytes between sockets (the proxy, Workspace with
/// its CometD long polls, Voice, Statistics…) run their tasks on SwiftNIO's
/// event loops instead of Swift Concurrency's own thread pool, which saves a
/// thread hop (a wake-up of another thread) on every request and every Redis
/// reply. Roles that hash passwords (auth, configuration: PBKDF2 for tens of
/// milliseconds) keep the default pool, so that a hash never holds up an
/// event loop's I/O. `GWS_NIO_EXECUTOR=0` turns it off, `=1` on, for any role.
@main
enum GWSServiceMain {
    /// Roles that keep Swift Concurrency's default executor.
    static let defaultExecutorRoles: Set<String> = [AuthService.descriptor.role, ConfigurationService.descriptor.role]

    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        let role = arguments.first { !$0.hasPrefix("-") } ?? ""
        if useEventLoops(role: role, setting: ProcessInfo.processInfo.environment["GWS_NIO_EXECUTOR"]) {
            // Before anything awaits: must run on the main thread, once.
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await GWSServiceCommand.main()
    }

    /// Whether `role` runs its tasks on the event loops.
    static func useEventLoops(role: String, setting: String?) -> Bool {
        switch setting {
        case "0": false
        case "1": true
        default: !role.isEmpty && !defaultExecutorRoles.contains(role)
        }
    }
}
