import ArgumentParser
import Foundation
import GWSOperator
import GWSRuntime

/// `gwsctl step-down`: a planned handover to a standby operator.
struct StepDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step-down",
        abstract: "Make the operator exit leaving every instance running, for a standby operator (run --standby) to adopt.")

    @OptionGroup var state: StateOptions
    @Option(help: "Seconds to wait for the operator to exit and for a standby to answer.")
    var timeout = 30

    func run() async throws {
        let stateDirectory = StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath())
        guard let client = try? AdminClient(state: stateDirectory) else {
            printError("gwsctl: no operator is running with state directory \(stateDirectory.root.path)")
            throw ExitCode(1)
        }
        let old = client.endpoint.pid
        try await client.stepDown()
        let deadline = ContinuousClock.now + .seconds(timeout)
        guard try await waitForOperatorExit(pid: old, timeout: .seconds(timeout)) else {
            printError("gwsctl: operator (pid \(old)) still running after \(timeout)s")
            throw ExitCode(1)
        }
        print("operator (pid \(old)) stepped down; every instance keeps running")
        // A standby takes over: it answers from the same state directory.
        while ContinuousClock.now < deadline {
            if let next = try? AdminClient(state: stateDirectory), next.endpoint.pid != old,
                (try? await next.status()) != nil
            {
                print("operator (pid \(next.endpoint.pid)) took over")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        print("no standby operator took over within \(timeout)s; start one with `gws-operator run --standby` or `gwsctl up`")
    }
}
