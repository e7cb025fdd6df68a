import ArgumentParser
import Foundation
import GWSDiscovery
import GWSKubernetesOperator
import GWSOperator
import GWSRuntime
import GWSSpec
import Hummingbird
import Logging
import ServiceLifecycle

@main
struct GWSOperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gws-operator",
        abstract: "Reconciles a GWSDeployment: runs and supervises the GWS services on this machine.",
        subcommands: [Run.self, Registry.self],
        defaultSubcommand: Run.self)
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the operator in local mode (foreground), or as the Kubernetes controller with --kubernetes.")

    @Option(name: .long, help: "State directory (default: $GWS_STATE_DIR, $XDG_STATE_HOME/gws-operator, ~/.local/state/gws-operator).")
    var stateDir: String?
    @Option(name: [.customShort("f"), .customLong("values")], help: "Values file (repeatable; later files win).")
    var values: [String] = []
    @Option(name: .customLong("set"), help: "Set values on the command line (Helm syntax: a.b=c,d[0]=e).")
    var set: [String] = []
    @Option(name: .customLong("set-string"), help: "Like --set, every value a string.")
    var setString: [String] = []
    @Option(name: .long, help: "The gws-service executable (default: beside this one).")
    var serviceBinary: String?
    @Flag(
        help: """
            Stand by while another operator runs with this state directory; take over, adopting its \
            instances, the moment it is gone (takes the values it applied last). With an external \
            registry (consul.address) the operators elect their leader through it.
            """)
    var standby = false
    @OptionGroup(title: "Kubernetes mode")
    var kubernetesMode: KubernetesModeOptions

    func validate() throws {
        if standby, !values.isEmpty || !set.isEmpty || !setString.isEmpty {
            throw ValidationError("--standby takes over the values the running operator applied: -f, --set and --set-string cannot be given")
        }
        if standby, kubernetesMode.kubernetes {
            throw ValidationError("--standby is for local mode; in Kubernetes mode use --leader-elect")
        }
        if kubernetesMode.kubernetes, !values.isEmpty || !set.isEmpty || !setString.isEmpty || stateDir != nil {
            throw ValidationError(
                "--kubernetes takes its specs from GWSDeployment resources: -f, --set, --set-string and --state-dir are for local mode")
        }
    }

    func run() async throws {
        if kubernetesMode.kubernetes {
            try await KubernetesMode(options: kubernetesMode).run()
            return
        }
        let stateDir = self.stateDir ?? StateDirectory.defaultPath()
        try StateDirectory(path: stateDir).create()
        let logPath = stateDir + "/operator.log"
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return MultiplexLogHandler([handler, FileLogHandler(label: label, path: logPath)])
        }
        let logger = Logger(label: "gws-operator")
        let files = try ServiceBinaryLocator.readValuesFiles(values)
        let options = OperatorOptions(
            stateDir: stateDir,
            serviceBinary: serviceBinary ?? ServiceBinaryLocator.locate(),
            request: ApplyRequest(files: files, set: set, setString: setString), standby: standby)
        let prepared: PreparedOperator
        do {
            if let election = try await RegistryElectedOperator.settings(for: options, logger: logger) {
                try await RegistryElectedOperator.run(options: options, settings: election, logger: logger) { prepared in
                    print("gws-operator: elected; admin API on \(prepared.adminURL), state in \(prepared.stateDir)")
                }
                return
            }
            prepared = try await OperatorRunner.prepare(options: options, logger: logger)
        } catch let stopped as ClusterStopped {
            print("gws-operator: not taking over: \(stopped)")
            return
        } catch let errors as SpecErrors {
            FileHandle.standardError.write(Data("gws-operator: \(errors)\n".utf8))
            throw ExitCode(2)
        } catch {
            FileHandle.standardError.write(Data("gws-operator: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print("gws-operator: admin and Consul API on \(prepared.adminURL), state in \(prepared.stateDir)")
        try await prepared.run()
    }
}

/// Serves only the embedded Consul-compatible registry (for testing it with
/// third-party Consul clients).
struct Registry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve only the embedded Consul-compatible registry.")

    @Option var host = "127.0.0.1"
    @Option var port = 8500
    @Option(help: "Write the bound port to this file once listening.")
    var portFile: String?

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "gws-registry")
        let registry = ConsulRegistry(logger: logger, firstIndex: ConsulRegistry.indexAfterRestart())
        let router = Router()
        ConsulAPI.addRoutes(to: router, registry: registry)
        let portFile = self.portFile
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "gws-registry"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                print("registry listening on port \(bound)")
                if let portFile { try? "\(bound)\n".write(toFile: portFile, atomically: true, encoding: .utf8) }
            }, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [app, ConsulCheckRunner(registry: registry, logger: logger)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
