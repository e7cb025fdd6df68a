import GWSOperator
import Testing

@testable import GWSDrills

@Suite struct DrillTargetResolverTests {
    @Test func anInstanceByIdWithItsServiceAndPid() throws {
        let target = try DrillTargetResolver.resolve(.instance("workspace-1"), status: Cluster.healthy)
        #expect(target.kind == "instance")
        #expect(target.victims == [Cluster.workspace1])
    }

    @Test func anUnknownInstanceListsTheKnownOnes() {
        #expect(throws: DrillTargetError.self) { try DrillTargetResolver.resolve(.instance("voice-0"), status: Cluster.healthy) }
        do {
            _ = try DrillTargetResolver.resolve(.instance("voice-0"), status: Cluster.healthy)
        } catch {
            #expect(error.description.contains("no instance \"voice-0\"") && error.description.contains("workspace-1"))
        }
    }

    @Test func everyInstanceOfARoleOrOnePicked() throws {
        let all = try DrillTargetResolver.resolve(.role("workspace", select: .all), status: Cluster.healthy)
        #expect(all.victims.map(\.instance) == ["workspace-0", "workspace-1"])
        let one = try DrillTargetResolver.resolve(.role("workspace", select: .one), status: Cluster.healthy) { count in
            #expect(count == 2)
            return 1
        }
        #expect(one.victims == [Cluster.workspace1])
        #expect(throws: DrillTargetError.self) { try DrillTargetResolver.resolve(.role("chat", select: .all), status: Cluster.healthy) }
    }

    @Test func theLeaderOfARolesElectedSingleton() throws {
        var leader = Cluster.row("datacollector-1", pid: 51)
        leader.replication = "leader"
        let status = Cluster.status([Cluster.row("datacollector-0", pid: 50), leader])
        let target = try DrillTargetResolver.resolve(.role("datacollector", select: .leader), status: status)
        #expect(target.victims.map(\.instance) == ["datacollector-1"])
        #expect(target.selector == "role datacollector (the elected leader)")
        do {
            _ = try DrillTargetResolver.resolve(.role("workspace", select: .leader), status: Cluster.healthy)
            Issue.record("no Workspace instance leads a singleton")
        } catch {
            #expect(error.description.contains("leads an elected singleton"), "\(error)")
        }
    }

    @Test func aStoreTheOperatorRunsHasNoService() throws {
        let target = try DrillTargetResolver.resolve(.store(.redis), status: Cluster.healthy)
        #expect(target.victims == [DrillVictim(instance: "redis-0", role: "redis", pid: 21, service: nil)])
        do {
            _ = try DrillTargetResolver.resolve(.store(.elasticsearch), status: Cluster.healthy)
            Issue.record("an external store cannot be hit")
        } catch {
            #expect(error.description.contains("does not run elasticsearch"))
        }
    }

    @Test func theOperatorAndAnInstanceWithoutProcess() throws {
        let target = try DrillTargetResolver.resolve(.operatorLeader, status: Cluster.healthy)
        #expect(target.victims == [DrillVictim(instance: "operator", role: "operator", pid: 10, service: nil)])
        #expect(target.victims[0].isOperator)
        let crashed = Cluster.status([Cluster.row("voice-0", pid: nil, ready: false, state: "CrashLoopBackOff")])
        do {
            _ = try DrillTargetResolver.resolve(.instance("voice-0"), status: crashed)
            Issue.record("an instance without a process cannot be hit")
        } catch {
            #expect(error.description.contains("no running process"))
        }
    }
}

@Suite struct StorePrimaryTargetTests {
    @Test func aReplicatedStoreDrillHitsItsPrimary() throws {
        let status = Cluster.status([
            Cluster.row("redis-0", pid: 21), Cluster.row("redis-1", pid: 22), Cluster.row("redis-sentinel-0", pid: 23),
        ])
        let hit = try DrillTargetResolver.resolve(.store(.redis), status: status, primaries: [.redis: "redis-1"])
        #expect(hit.victims.map(\.instance) == ["redis-1"])
        let unknown = try DrillTargetResolver.resolve(.store(.redis), status: status, primaries: [.redis: "redis-9"])
        #expect(unknown.victims.map(\.instance) == ["redis-0"])
    }
}
