import GWSReconciler
import GWSSpec
import Testing

/// A store with companions (Redis HA: replicas and Sentinels) as the planner sees it.
@Suite struct RedisHAPlannerTests {
    let store = ManagedStore(
        kind: .redis, port: 7000, command: ProcessCommand(executable: "/redis-server", arguments: ["0"]), probeMode: .tcp,
        companions: [
            ManagedStoreProcess(role: "redis", ordinal: 1, port: 7001, command: ProcessCommand(executable: "/redis-server", arguments: ["1"])),
            ManagedStoreProcess(role: "redis-sentinel", ordinal: 0, port: 7100, command: ProcessCommand(executable: "/redis-sentinel", arguments: ["s0"])),
            ManagedStoreProcess(role: "redis-sentinel", ordinal: 1, port: 7101, command: ProcessCommand(executable: "/redis-sentinel", arguments: ["s1"])),
        ], serviceURL: "redis-sentinel://127.0.0.1:7100,127.0.0.1:7101/gws")

    @Test func companionsBecomeStoreInstancesStartedRightAfterTheStore() {
        let context = PlanContext(deploymentName: "local", consulURL: "http://c", managedStores: [.redis: store])
        let desired = DesiredStatePlanner.plan(Fixtures.spec(), context: context)
        let replica = desired.instances["redis-1"]!
        #expect(replica.role == "redis" && replica.ordinal == 1 && replica.store == .redis)
        #expect(replica.ports.first?.port == 7001 && replica.probeMode == .tcp)
        #expect(replica.command?.arguments == ["1"])
        let sentinel = desired.instances["redis-sentinel-1"]!
        #expect(sentinel.role == "redis-sentinel" && sentinel.serviceName == "gws-redis-sentinel")
        #expect(sentinel.ports.first?.port == 7101 && sentinel.store == .redis)
        #expect(Array(desired.ordered.prefix(4).map(\.id)) == ["redis-0", "redis-1", "redis-sentinel-0", "redis-sentinel-1"])
    }

    @Test func servicesGetTheSentinelURLWithTheDatabase() {
        let context = PlanContext(deploymentName: "local", consulURL: "http://c", managedStores: [.redis: store])
        let desired = DesiredStatePlanner.plan(Fixtures.spec { $0.redis = StoreBinding(db: "3") }, context: context)
        #expect(
            desired.instances["workspace-0"]!.environment[ServiceEnvironmentKeys.redisURL]
                == "redis-sentinel://127.0.0.1:7100,127.0.0.1:7101/gws/3")
    }
}
