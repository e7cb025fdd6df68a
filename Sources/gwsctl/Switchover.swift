import ArgumentParser
import Foundation
import GWSOperator

/// `gwsctl switchover postgres`.
struct Switchover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Planned switchover of a replicated store: the standby becomes the primary, the old primary its standby (postgres with postgres.ha.enabled).")

    @OptionGroup var state: StateOptions
    @Argument(help: "The store: postgres.")
    var store: String

    func run() async throws {
        let client = try connect(state)
        do {
            let result = try await client.switchover(store: store)
            print(
                "\(store): \(result.to) is the primary now (took \(String(format: "%.2f", result.seconds)) s); \(result.from) is being rebuilt as its standby"
            )
        } catch {
            printError("gwsctl: \(error)")
            throw ExitCode(1)
        }
    }
}
