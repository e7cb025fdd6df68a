import ArgumentParser
import Foundation
import GWSRuntime

struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print an instance's log (stdout and stderr).")

    @OptionGroup var state: StateOptions
    @Argument(help: "Instance id, e.g. workspace-0 (see `gwsctl status`); `operator` for the operator's own log.")
    var instance: String
    @Option(help: "Only the last N lines.")
    var tail: Int?

    func run() async throws {
        let stateDirectory = StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath())
        let url =
            instance == "operator"
            ? stateDirectory.root.appendingPathComponent("operator.log") : stateDirectory.logFile(for: instance)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: stateDirectory.logsDirectory.path)) ?? [])
                .filter { $0.hasSuffix(".log") }.map { String($0.dropLast(4)) }.sorted()
            printError(
                "gwsctl: no log for \"\(instance)\" in \(stateDirectory.logsDirectory.path)"
                    + (known.isEmpty ? "" : "; known instances: \(known.joined(separator: ", "))"))
            throw ExitCode(1)
        }
        var text = String(decoding: data, as: UTF8.self)
        if let tail {
            text = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(tail + 1).joined(separator: "\n")
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
