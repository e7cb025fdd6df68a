import ArgumentParser
import GWSKubernetes

/// `gwsctl chart-schema`: the gws-operator chart's values.schema.json.
struct ChartSchema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart-schema",
        abstract: "Print the gws-operator chart's values.schema.json (generated from the spec schema).",
        discussion: "charts/gws-operator/values.schema.json is this output; hack/generate-kubernetes.sh rewrites it.")

    func run() throws {
        print(OperatorChartSchema.jsonText(), terminator: "")
    }
}
