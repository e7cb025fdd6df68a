import Testing

@testable import GWSSpec

@Suite struct PostgresHASpecTests {
    func load(set: [String]) -> Result<LoadedSpec, SpecErrors> {
        SpecLoader.load(files: [], set: set, setString: [])
    }

    func errors(set: [String]) -> [String] {
        if case .failure(let e) = load(set: set) { return e.issues }
        return []
    }

    @Test func offByDefault() throws {
        let postgres = try #require(try load(set: []).get().spec.postgres)
        #expect(postgres.ha == PostgresHASpec())
        #expect(postgres.enabledHA == nil)
    }

    @Test func enabled() throws {
        let spec = try load(set: ["postgres.ha.enabled=true"]).get().spec
        #expect(spec.postgres?.enabledHA == PostgresHASpec(enabled: true))
    }

    @Test func onlyForTheOperatorsOwnPostgreSQLWithoutTLS() {
        let external = errors(set: ["postgres.ha.enabled=true", "postgres.address=db.example"])
        #expect(external.contains { $0.hasPrefix("spec.postgres.ha.enabled: HA applies only to the PostgreSQL the operator runs itself") })
        #expect(errors(set: ["postgres.ha.enabled=true", "postgres.enableTls=true"]).contains {
            $0.hasPrefix("spec.postgres.enableTls")
        })
        #expect(errors(set: ["postgres.address=db.example"]).isEmpty)
        #expect(errors(set: ["postgres.ha.replicas=2"]).contains { $0.contains("replicas") })
        #expect(errors(set: ["redis.ha.enabled=true"]).contains { $0.contains("ha") })
    }

    @Test func bothNodesPortsAreClaimed() {
        let issues = errors(set: ["postgres.ha.enabled=true", "postgres.port=7000", "consul.port=7001"])
        #expect(issues.contains { $0.hasPrefix("spec.postgres.port: port 7001") && $0.contains("spec.consul.port") })
        #expect(errors(set: ["postgres.ha.enabled=true", "postgres.port=7000", "consul.port=7002"]).isEmpty)
    }
}
