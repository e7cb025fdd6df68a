import ArgumentParser
import GWSKubernetesOperator

/// The in-cluster controller alone: `gws-kube-operator run [--kubernetes] …`
/// takes exactly the flags of `gws-operator run --kubernetes`, in a binary
/// without local mode (no PostgreSQL, Redis, process supervision or services
/// linked in), so the pod stays small. The chart and the image run this one.
@main
struct GWSKubeOperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gws-kube-operator",
        abstract: "The Kubernetes controller of GWSDeployment resources (the chart's operator pod).",
        subcommands: [Run.self],
        defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch GWSDeployments and reconcile their Kubernetes objects (--kubernetes is implied).")

        @OptionGroup(title: "Kubernetes mode")
        var kubernetesMode: KubernetesModeOptions

        func run() async throws {
            try await KubernetesMode(options: kubernetesMode).run()
        }
    }
}
