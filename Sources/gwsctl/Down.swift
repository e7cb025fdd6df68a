import ArgumentParser
import Foundation
import GWSOperator
import GWSRuntime
import Logging

#if canImport(Glibc)
    import Glibc
#endif

struct Down: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stop a running cluster: every instance gracefully, then the operator.")

    @OptionGroup var state: StateOptions
    @Option(help: "Seconds to wait for the operator to finish.")
    var timeout = 60

    func run() async throws {
        let stateDirectory = StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath())
        if let client = try? AdminClient(state: stateDirectory) {
            try await client.shutdown()
            guard try await waitForOperatorExit(pid: client.endpoint.pid, timeout: .seconds(timeout)) else {
                printError("gwsctl: operator (pid \(client.endpoint.pid)) still running after \(timeout)s")
                throw ExitCode(1)
            }
            print("cluster stopped")
            return
        }
        // No operator: stop whatever instances it left behind (after a crash).
        let driver = LocalProcessDriver(
            state: stateDirectory, binaryPath: "", logger: Logger(label: "gwsctl", factory: { _ in SwiftLogNoOpLogHandler() }))
        let orphans = await driver.adoptRecorded()
        guard !orphans.isEmpty else {
            print("no cluster is running with state directory \(stateDirectory.root.path)")
            return
        }
        await driver.stopAll(grace: .seconds(10))
        print("no operator was running; stopped \(orphans.count) instance\(orphans.count == 1 ? "" : "s") it left behind")
    }
}
