import ArgumentParser
import Foundation
import GWSOperator
import GWSRuntime

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every instance: role, pid, port, readiness, restarts, age.")

    enum Format: String, ExpressibleByArgument { case table, json }

    @OptionGroup var state: StateOptions
    @Option(name: .shortAndLong, help: "table or json.")
    var output: Format = .table

    func run() async throws {
        let stateDirectory = StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath())
        let client: AdminClient
        do { client = try AdminClient(state: stateDirectory) } catch {
            printError("gwsctl: \(error)")
            throw ExitCode(1)
        }
        let status = try await client.status()
        switch output {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        case .table:
            print(StatusTable.render(status))
        }
    }
}

/// The `gwsctl status` table.
enum StatusTable {
    static func render(_ status: OperatorStatus) -> String {
        var rows = [["ROLE", "INSTANCE", "PID", "PORT", "READY", "STATE", "RESTARTS", "AGE"]]
        for i in status.instances {
            rows.append([
                i.replication.flatMap { $0 == "sentinel" ? nil : "\(i.role) (\($0))" } ?? i.role, i.instance,
                i.pid.map(String.init) ?? "-", i.port.map(String.init) ?? "-",
                i.ready ? "yes" : "no", i.state, String(i.restarts), i.ageSeconds.map(age) ?? "-",
            ])
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        let table = rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [
            "deployment \(status.deployment): \(status.phase), \(status.readyInstances)/\(status.desiredInstances) ready",
            "proxy: \(status.proxy.isEmpty ? "-" : status.proxy)" + (status.proxyHTTPS.map { "  https: \($0)" } ?? ""),
            "",
        ]
        lines += table
        let problems = status.conditions.filter { $0.type == "Degraded" && $0.status == "True" }
        for condition in problems { lines.append("\ndegraded: \(condition.message)") }
        return lines.joined(separator: "\n")
    }

    static func age(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 120 { return "\(s)s" }
        if s < 7200 { return "\(s / 60)m" }
        return "\(s / 3600)h"
    }
}
