import ArgumentParser

@main
struct GWSCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gwsctl",
        abstract: "Run and change a local GWS cluster.",
        subcommands: [
            Up.self, Down.self, Apply.self, Plan.self, Status.self, Logs.self, Template.self, CRD.self, ChartSchema.self,
            Rollout.self, Switchover.self, StepDownCommand.self, Drill.self,
        ])
}

/// Options every command shares.
struct StateOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "State directory (default: $GWS_STATE_DIR, $XDG_STATE_HOME/gws-operator, ~/.local/state/gws-operator).")
    var stateDir: String?
}

/// `-f`, `--set`, `--set-string`.
struct ValuesOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("values")], help: "Values file (repeatable; later files win; - for stdin).")
    var values: [String] = []
    @Option(name: .customLong("set"), help: "Set values on the command line (Helm syntax: a.b=c,d={x,y},e[0].f=g).")
    var set: [String] = []
    @Option(name: .customLong("set-string"), help: "Like --set, but every value is a string.")
    var setString: [String] = []
}
