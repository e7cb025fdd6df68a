import ArgumentParser
import GWSKubernetes

/// `gwsctl crd`: the GWSDeployment CustomResourceDefinition, generated from the spec's schema.
struct CRD: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the GWSDeployment CustomResourceDefinition (generated from the spec schema).",
        discussion: "crds/gwsdeployment.yaml is this output; hack/generate-kubernetes.sh rewrites it.")

    func run() throws {
        do {
            print(try GWSDeploymentCRD.yaml(), terminator: "")
        } catch {
            printError("gwsctl: \(error)")
            throw ExitCode(1)
        }
    }
}
