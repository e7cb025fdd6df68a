import Testing

@testable import GWSOperator

@Suite struct RedisRoleDecisionTests {
    let giveUp = Duration.seconds(24)

    func decide(
        node: Int, sentinels: Int?, masters: [Int] = [], replicas: [Int] = [], waited: Duration = .zero
    ) -> RedisRoleDecision.Outcome {
        RedisRoleDecision.decide(
            .init(
                node: node, plannedMaster: 7000, sentinelMaster: sentinels, liveMasters: masters,
                liveReplicas: replicas, waited: waited), giveUpAfter: giveUp)
    }

    @Test func firstStartFollowsThePlan() {
        #expect(decide(node: 7000, sentinels: nil) == .master)
        #expect(decide(node: 7001, sentinels: nil) == .replica(of: 7000))
        #expect(decide(node: 7001, sentinels: nil, masters: [7000]) == .replica(of: 7000))
    }

    @Test func theOldMasterWaitsWhileTheSentinelsStillNameItAndAReplicaHoldsTheData() {
        let outcome = decide(node: 7000, sentinels: 7000, replicas: [7001], waited: .seconds(3))
        guard case .wait = outcome else {
            Issue.record("expected to wait, got \(outcome)")
            return
        }
    }

    @Test func afterTheFailoverTheOldMasterComesBackAsAReplicaOfTheNewOne() {
        #expect(decide(node: 7000, sentinels: 7001, masters: [7001]) == .replica(of: 7001))
        // The promoted replica already says master though the Sentinels have not switched yet.
        #expect(decide(node: 7000, sentinels: 7000, masters: [7001]) == .replica(of: 7001))
        // The Sentinels switched; the new master is still finishing its promotion.
        #expect(decide(node: 7000, sentinels: 7001, replicas: [7001]) == .replica(of: 7001))
    }

    @Test func aDeadReplicaComesBackAsAReplicaOfTheCurrentMaster() {
        #expect(decide(node: 7001, sentinels: 7000, masters: [7000]) == .replica(of: 7000))
        #expect(decide(node: 7002, sentinels: 7001, masters: [7001], replicas: [7000]) == .replica(of: 7001))
    }

    @Test func nothingToPreserveOrWaitedTooLongStartsAsMaster() {
        #expect(decide(node: 7000, sentinels: 7000) == .master)  // every node is down
        #expect(decide(node: 7000, sentinels: 7000, replicas: [7001], waited: giveUp) == .master)
    }

    @Test func twoMastersPreferTheOneTheSentinelsName() {
        #expect(decide(node: 7002, sentinels: 7001, masters: [7000, 7001]) == .replica(of: 7001))
    }
}
