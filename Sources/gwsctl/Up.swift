import ArgumentParser
import Foundation
import GWSOperator
import GWSRuntime
import GWSSpec
import Logging

struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the operator in the foreground and bring the cluster up; Ctrl-C stops it.")

    @OptionGroup var state: StateOptions
    @OptionGroup var values: ValuesOptions
    @Flag(help: "Also print the operator's log on stderr (it always goes to <state>/operator.log).")
    var verbose = false
    @Option(help: "The gws-service executable (default: beside gwsctl).")
    var serviceBinary: String?

    func run() async throws {
        let stateDir = state.stateDir ?? StateDirectory.defaultPath()
        let stateDirectory = StateDirectory(path: stateDir)
        try stateDirectory.create()
        let logPath = stateDirectory.root.appendingPathComponent("operator.log").path
        let verbose = self.verbose
        LoggingSystem.bootstrap { label in
            var handlers: [any LogHandler] = [FileLogHandler(label: label, path: logPath)]
            if verbose { handlers.append(StreamLogHandler.standardError(label: label)) }
            return MultiplexLogHandler(handlers)
        }
        let logger = Logger(label: "gws-operator")
        let files = try ServiceBinaryLocator.readValuesFiles(values.values)
        let options = OperatorOptions(
            stateDir: stateDir, serviceBinary: serviceBinary ?? ServiceBinaryLocator.locate(),
            request: ApplyRequest(files: files, set: values.set, setString: values.setString))

        let election: OperatorElectionSettings?
        do {
            election = try await RegistryElectedOperator.settings(for: options, logger: logger)
        } catch let errors as SpecErrors {
            printError("gwsctl: nothing was started; \(errors)")
            throw ExitCode(2)
        }
        var progress: Task<Void, Never>?
        defer { progress?.cancel() }
        if let election {
            // Operators that bind an external registry elect their leader through it.
            print("gws-operator campaigning in \(election.registryURL) (state \(stateDir), log \(logPath))")
            fflush(nil)
            progress = Task { await Progress.follow(state: stateDirectory) }
            do {
                try await RegistryElectedOperator.run(options: options, settings: election, logger: logger)
            } catch {
                printError("gwsctl: \(error)")
                throw ExitCode(1)
            }
        } else {
            let prepared: PreparedOperator
            do {
                prepared = try await OperatorRunner.prepare(options: options, logger: logger)
            } catch let errors as SpecErrors {
                printError("gwsctl: nothing was started; \(errors)")
                throw ExitCode(2)
            } catch {
                printError("gwsctl: \(error)")
                throw ExitCode(1)
            }
            print("gws-operator running (state \(prepared.stateDir), log \(logPath))")
            fflush(nil)
            progress = Task { await Progress.follow(state: stateDirectory) }
            try await prepared.run()
        }
        progress?.cancel()
        print("cluster stopped")
    }
}

/// Prints readiness progress until every instance is ready, then the proxy URL.
enum Progress {
    static func follow(state: StateDirectory) async {
        let start = ContinuousClock.now
        var lastLine = ""
        var client: AdminClient?
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(200))
            if client == nil { client = try? AdminClient(state: state) }
            guard let client, let status = try? await client.status() else { continue }
            let line = "ready \(status.readyInstances)/\(status.desiredInstances)"
            if line != lastLine {
                print(line)
                fflush(nil)  // progress shows at once even when stdout is a file or a pipe
                lastLine = line
            }
            if status.phase == "Running" {
                let elapsed = ContinuousClock.now - start
                print("all \(status.desiredInstances) instances ready in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))")
                print("proxy: \(status.proxy)" + (status.proxyHTTPS.map { "  (HTTPS \($0))" } ?? ""))
                print("consul: \(status.consul)")
                await announceCredentials(state: state)
                print("press Ctrl-C to stop the cluster; `gwsctl status` in another terminal")
                fflush(nil)
                return
            }
        }
    }
}

extension Progress {
    /// Prints where the demo tenant's credentials are once the operator has written them (waits up to 30 s).
    static func announceCredentials(state: StateDirectory) async {
        let file = state.root.appendingPathComponent("credentials.json")
        for _ in 0..<150 {
            if FileManager.default.fileExists(atPath: file.path) {
                print("demo tenant credentials (admin, API client, 6 agents): \(file.path)")
                return
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
