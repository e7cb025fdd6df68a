import GWSSpec

extension DesiredStatePlanner {
    /// The extra instance a rolling restart of a single-replica role runs
    /// while it restarts the only one (Kubernetes' `maxSurge: 1`): the same
    /// role at ordinal 1. Nil for roles with more replicas (they drain one at
    /// a time instead) and for stores. The proxy's surge instance listens on
    /// the same public ports (`SO_REUSEPORT`), so it takes traffic over.
    public static func surgeInstance(role: String, spec: DeploymentSpec, context: PlanContext) -> InstanceSpec? {
        guard let descriptor = RoleCatalog.byRole(role),
            let service = serviceSpec(for: descriptor, in: spec), service.enabled, service.deployment.replicaCount == 1
        else { return nil }
        return instance(role: descriptor, ordinal: 1, service: service, spec: spec, context: context)
    }
}
