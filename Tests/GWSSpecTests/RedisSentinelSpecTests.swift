import Testing

@testable import GWSSpec

@Suite struct RedisSentinelSpecTests {
    func load(set: [String]) -> Result<LoadedSpec, SpecErrors> {
        SpecLoader.load(files: [], set: set, setString: [])
    }

    func errors(set: [String]) -> [String] {
        if case .failure(let e) = load(set: set) { return e.issues }
        return []
    }

    @Test func offByDefaultWithSentinelDefaults() throws {
        let redis = try #require(try load(set: []).get().spec.redis)
        #expect(redis.sentinel == RedisSentinelSpec())
        #expect(redis.enabledSentinel == nil)
        #expect(RedisSentinelSpec().quorum == 2)
    }

    @Test func enabledWithItsKnobs() throws {
        let spec = try load(set: [
            "redis.sentinel.enabled=true", "redis.sentinel.replicas=2", "redis.sentinel.sentinels=5",
            "redis.sentinel.masterName=gws-eu", "redis.sentinel.downAfterMilliseconds=1500",
        ]).get().spec
        let sentinel = try #require(spec.redis?.enabledSentinel)
        #expect(sentinel.replicas == 2 && sentinel.sentinels == 5 && sentinel.quorum == 3)
        #expect(sentinel.masterName == "gws-eu" && sentinel.downAfterMilliseconds == 1500)
        #expect(sentinel.failoverTimeoutMilliseconds == 3000)
    }

    @Test func rangesAndUnknownKeysAreReported() {
        let issues = errors(set: [
            "redis.sentinel.enabled=true", "redis.sentinel.replicas=0", "redis.sentinel.sentinels=10",
            "redis.sentinel.quorum=2",
        ])
        #expect(issues.contains { $0.hasPrefix("spec.redis.sentinel.replicas") })
        #expect(issues.contains { $0.hasPrefix("spec.redis.sentinel.sentinels") })
        #expect(issues.contains { $0.contains("quorum") })
        #expect(errors(set: ["postgres.sentinel.enabled=true"]).contains { $0.contains("sentinel") })
    }

    @Test func localModeOnlyNoTLSAndAPlainMasterName() {
        let external = errors(set: ["redis.sentinel.enabled=true", "redis.address=cache.example"])
        #expect(external.contains { $0.hasPrefix("spec.redis.sentinel.enabled: the operator runs the Sentinel topology") })
        #expect(errors(set: ["redis.sentinel.enabled=true", "redis.enableTls=true"]).contains {
            $0.hasPrefix("spec.redis.enableTls")
        })
        #expect(errors(set: ["redis.sentinel.enabled=true", "redis.sentinel.masterName=a b"]).contains {
            $0.hasPrefix("spec.redis.sentinel.masterName")
        })
        // Off: nothing is checked.
        #expect(errors(set: ["redis.address=cache.example", "redis.sentinel.masterName=a b"]).isEmpty)
    }

    @Test func fixedPortsOfNodesAndSentinelsMustNotClash() {
        let issues = errors(set: [
            "redis.sentinel.enabled=true", "redis.port=7000", "redis.sentinel.port=7001",
        ])
        #expect(issues.contains { $0.hasPrefix("spec.redis.sentinel.port: port 7001") && $0.contains("spec.redis.port") })
        #expect(errors(set: ["redis.sentinel.enabled=true", "redis.port=7000", "redis.sentinel.port=7002"]).isEmpty)
    }
}
