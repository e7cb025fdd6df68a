import GWSReconciler
import GWSSpec

/// `gwsctl plan` with no operator running: what `up` would start.
public enum LocalPlanner {
    public static func plan(_ request: ApplyRequest) async -> ApplyResponse {
        switch SpecLoader.load(files: request.files, set: request.set, setString: request.setString) {
        case .failure(let errors):
            return ApplyResponse(applied: false, errors: errors.issues, plan: [])
        case .success(let loaded):
            let secretProblems = SecretFiles.problems(in: loaded.spec)
            guard secretProblems.isEmpty else { return ApplyResponse(applied: false, errors: secretProblems, plan: []) }
            // The stores `up` would run, without touching the disk (no initdb here).
            var stores: [StoreKind: ManagedStore] = [:]
            for (kind, binding) in [
                (StoreKind.postgres, loaded.spec.postgres), (.redis, loaded.spec.redis),
                (.elasticsearch, loaded.spec.elasticSearch),
            ] where (binding ?? StoreBinding()).isOperatorManaged {
                stores[kind] = ManagedStore(
                    kind: kind, port: 0, command: ProcessCommand(executable: kind.rawValue, arguments: []),
                    probeMode: .tcp)
                if kind == .postgres, binding?.enabledHA != nil {  // PostgreSQL HA: the standby too
                    stores[kind]?.companions = [
                        ManagedStoreProcess(
                            role: "postgres", ordinal: 1, port: 0,
                            command: ProcessCommand(executable: kind.rawValue, arguments: ["standby"]))
                    ]
                }
                if let settings = binding?.enabledSentinel {  // Redis HA: the replicas and Sentinels too
                    stores[kind] = RedisHATopology(
                        settings: settings, nodePorts: Array(repeating: 0, count: settings.replicas + 1),
                        sentinelPorts: Array(repeating: 0, count: settings.sentinels), dataRoot: ""
                    ).managedStore(redisServer: "redis-server", redisSentinel: "redis-sentinel")
                }
            }
            let desired = DesiredStatePlanner.plan(
                loaded.spec, context: PlanContext(deploymentName: loaded.name, consulURL: "", managedStores: stores))
            let result = Reconciler.reconcile(desired: desired, observed: [:], now: .zero)
            return ApplyResponse(
                applied: false, errors: [], warnings: await ExternalStoreMonitor.unreachable(loaded.spec),
                plan: result.actions.map(ClusterController.planStep))
        }
    }
}
