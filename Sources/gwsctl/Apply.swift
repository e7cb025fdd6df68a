import ArgumentParser
import GWSOperator
import GWSRuntime

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change a running cluster (scale, ports, roles). Like `helm upgrade`: built-in defaults < files < --set.")

    @OptionGroup var state: StateOptions
    @OptionGroup var values: ValuesOptions
    @Flag(help: "Layer on top of the values applied last instead of the defaults (Helm's --reuse-values).")
    var reuseValues = false

    func run() async throws {
        let stateDirectory = StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath())
        let request = ApplyRequest(
            files: try ServiceBinaryLocator.readValuesFiles(values.values), set: values.set,
            setString: values.setString, reuseValues: reuseValues, dryRun: false)
        let client: AdminClient
        do { client = try AdminClient(state: stateDirectory) } catch {
            printError("gwsctl: \(error)")
            throw ExitCode(1)
        }
        let response = try await client.apply(request)
        try report(response, applied: true)
    }
}

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what `apply` (or `up`, when no cluster runs) would change, changing nothing.")

    @OptionGroup var state: StateOptions
    @OptionGroup var values: ValuesOptions
    @Flag(help: "Layer on top of the values applied last (Helm's --reuse-values).")
    var reuseValues = false

    func run() async throws {
        let stateDirectory = StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath())
        let request = ApplyRequest(
            files: try ServiceBinaryLocator.readValuesFiles(values.values), set: values.set,
            setString: values.setString, reuseValues: reuseValues, dryRun: true)
        let response: ApplyResponse
        if let client = try? AdminClient(state: stateDirectory) {
            response = try await client.apply(request)
        } else {
            print("(no cluster running: planning from nothing)")
            response = await LocalPlanner.plan(request)
        }
        try report(response, applied: false)
    }
}

/// Prints errors (exit 2) or the plan.
func report(_ response: ApplyResponse, applied: Bool) throws {
    if !response.errors.isEmpty {
        printError(
            "gwsctl: nothing was changed; the spec has \(response.errors.count) error\(response.errors.count == 1 ? "" : "s"):")
        for error in response.errors { printError("  - \(error)") }
        throw ExitCode(2)
    }
    for warning in response.warnings { printError("warning: \(warning)") }
    if response.plan.isEmpty {
        print("no changes")
        return
    }
    for step in response.plan { print(step.description) }
    print(applied ? "applied: \(response.plan.count) change\(response.plan.count == 1 ? "" : "s")" : "\(response.plan.count) change\(response.plan.count == 1 ? "" : "s") planned")
}
