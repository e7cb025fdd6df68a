import ArgumentParser
import Foundation
import GWSDrills
import GWSRuntime
import Logging

/// `gwsctl drill run|validate <file>`.
struct Drill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Failover drills: inject a fault under load and report what the cluster did.",
        discussion: "Drill files: examples/drills/ and docs/failover.md.",
        subcommands: [DrillRun.self, DrillValidate.self])
}

struct DrillRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a drill; write its report (JSON and Markdown); exit 1 when a steady-state check failed or it aborted.")

    @OptionGroup var state: StateOptions
    @Argument(help: "The drill file (YAML).")
    var file: String
    @Flag(help: "Resolve the target and show what would be hit, changing nothing.")
    var dryRun = false
    @Option(help: "Where to write the JSON report (default: <state>/drills/<name>-<time>.json); the Markdown goes beside it (.md).")
    var output: String?
    @Flag(help: "Also log the drill's own diagnostics on stderr.")
    var verbose = false

    func run() async throws {
        let drill = try loadDrill(file)
        let stateDirectory = StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath())
        let logger = verbose ? Logger(label: "gwsctl-drill") : Logger(label: "gwsctl-drill", factory: { _ in SwiftLogNoOpLogHandler() })
        let runner = DrillRunner(state: stateDirectory, logger: logger) { line in
            print(line)
            fflush(nil)
        }
        if dryRun {
            do { print(try await runner.plan(drill).text()) } catch {
                printError("gwsctl: \(error)")
                throw ExitCode(2)
            }
            return
        }
        let report: DrillReport
        do { report = try await runner.run(drill) } catch {
            printError("gwsctl: \(error)")
            throw ExitCode(2)
        }
        let (json, markdown) = try write(report, name: drill.name, state: stateDirectory)
        print(DrillSummary.lines(report).joined(separator: "\n"))
        print("report: \(json) (Markdown: \(markdown))")
        if !report.passed { throw ExitCode(1) }
    }

    /// Writes the JSON report and the Markdown beside it; returns both paths.
    func write(_ report: DrillReport, name: String, state: StateDirectory) throws -> (String, String) {
        let json: String
        if let output {
            json = output
        } else {
            let stamp = report.startedAt.replacingOccurrences(of: ":", with: "").prefix(17)
            json = state.root.appendingPathComponent("drills/\(name)-\(stamp).json").path
        }
        let url = URL(fileURLWithPath: json)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(report).write(to: url)
        let markdown = url.pathExtension == "json" ? url.deletingPathExtension().appendingPathExtension("md") : url.appendingPathExtension("md")
        try report.markdown().write(to: markdown, atomically: true, encoding: .utf8)
        return (url.path, markdown.path)
    }
}

struct DrillValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a drill file (every error at once); needs no cluster.")

    @Argument(help: "The drill file (YAML).")
    var file: String

    func run() async throws {
        let drill = try loadDrill(file)
        print("\(file): drill \(drill.name) is valid (\(drill.target.selector), \(drill.fault.kind.rawValue))")
    }
}

/// Reads and validates a drill file; prints every error and exits 2 when it is invalid.
func loadDrill(_ path: String) throws -> DrillFile {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("gwsctl: cannot read drill file \(path)")
        throw ExitCode(2)
    }
    do {
        return try DrillFileLoader.load(yaml: String(decoding: data, as: UTF8.self), source: path)
    } catch {
        printError("gwsctl: \(error)")
        throw ExitCode(2)
    }
}

/// The few lines printed after a drill.
enum DrillSummary {
    static func lines(_ r: DrillReport) -> [String] {
        func s(_ v: Double?) -> String { v.map { String(format: "%.3f s", $0) } ?? "—" }
        var lines = [
            "drill \(r.drill): \(r.passed ? "PASSED" : r.aborted ? "ABORTED" : "FAILED")",
            "  detection \(s(r.detectionSeconds)), out of rotation \(s(r.outOfRotationSeconds)), recovery \(s(r.recoverySeconds)), promoted \(s(r.promotedSeconds)), service restored \(s(r.serviceRestoredSeconds))",
            "  requests \(r.requests.sent) sent, \(r.requests.failed) failed; writes \(r.writes.acknowledged) acknowledged, \(r.writes.lost) lost; sessions \(r.sessions.valid)/\(r.sessions.agents) valid",
        ]
        for check in r.checks where !check.passed { lines.append("  ✗ \(check.name): \(check.observed) (limit \(check.limit))") }
        if let reason = r.abortReason { lines.append("  aborted: \(reason)") }
        return lines
    }
}
