import GWSReconciler
import GWSSpec

enum Fixtures {
    static func spec(_ configure: (inout DeploymentSpec) -> Void = { _ in }) -> DeploymentSpec {
        var spec = DeploymentSpec()
        for role in RoleCatalog.gwsServices {
            spec.gwsServices[role.key] = ServiceSpec(enabled: role.enabledByDefault)
        }
        for role in RoleCatalog.externals { spec.externals[role.key] = ExternalServiceSpec() }
        configure(&spec)
        return spec
    }

    static let context = PlanContext(deploymentName: "local", consulURL: "http://127.0.0.1:8500")

    static func desired(_ configure: (inout DeploymentSpec) -> Void = { _ in }) -> DesiredState {
        DesiredStatePlanner.plan(spec(configure), context: context)
    }

    /// Everything in `desired` running and ready.
    static func converged(_ desired: DesiredState) -> [String: ObservedInstance] {
        var observed: [String: ObservedInstance] = [:]
        for spec in desired.instances.values {
            observed[spec.id] = ObservedInstance(
                id: spec.id, configHash: spec.configHash, pid: 100, ports: ["http": 1000 + spec.ordinal],
                phase: .running, started: true, ready: true, startedAt: .zero)
        }
        return observed
    }
}
