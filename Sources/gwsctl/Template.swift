import ArgumentParser
import GWSKubernetes
import GWSOperator
import GWSSpec

/// `gwsctl template`: the Kubernetes objects of a spec, as multi-document YAML on stdout.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a spec's Kubernetes objects (Deployments, Services, ConfigMaps, PDBs) as YAML.",
        discussion: """
            The spec is loaded as `plan` loads it (built-in defaults < files < --set); on any error \
            nothing is rendered (exit 2). Warnings (what the objects cannot do) go to stderr.
            """)

    @OptionGroup var values: ValuesOptions
    @Option(help: "metadata.namespace of every object (default: none; kubectl apply -n decides).")
    var namespace: String?
    @Option(help: "The gws-service image every role runs.")
    var image = "gws-service"
    @Option(help: "The image's tag.")
    var imageTag = RenderOptions.defaultTag
    @Option(help: "Always, IfNotPresent or Never.")
    var imagePullPolicy = "IfNotPresent"
    @Option(help: "A Secret for pulling the image (repeatable).")
    var imagePullSecret: [String] = []
    @Flag(help: "Also render a monitoring.coreos.com/v1 ServiceMonitor per role (Prometheus Operator).")
    var serviceMonitors = false
    @Option(help: "Seconds the preStop hook waits before the container gets SIGTERM.")
    var drainSeconds = 5

    func validate() throws {
        guard ["Always", "IfNotPresent", "Never"].contains(imagePullPolicy) else {
            throw ValidationError("--image-pull-policy must be Always, IfNotPresent or Never")
        }
        guard (0...300).contains(drainSeconds) else { throw ValidationError("--drain-seconds must be 0–300") }
    }

    func run() throws {
        let options = RenderOptions(
            image: image, imageTag: imageTag, imagePullPolicy: imagePullPolicy, imagePullSecrets: imagePullSecret,
            namespace: namespace, serviceMonitors: serviceMonitors, drainSeconds: drainSeconds)
        let files = try ServiceBinaryLocator.readValuesFiles(values.values)
        switch ManifestTemplate.render(files: files, set: values.set, setString: values.setString, options: options) {
        case .failure(let errors):
            printError(
                "gwsctl: nothing was rendered; the spec has \(errors.issues.count) error\(errors.issues.count == 1 ? "" : "s"):")
            for issue in errors.issues { printError("  - \(issue)") }
            throw ExitCode(2)
        case .success(let rendered):
            for warning in rendered.warnings { printError("warning: \(warning)") }
            print(rendered.yaml(), terminator: "")
        }
    }
}
