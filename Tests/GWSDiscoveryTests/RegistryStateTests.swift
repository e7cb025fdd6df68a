import Foundation
import Testing

@testable import GWSDiscovery

/// The registry's rules, driven without I/O and with an explicit clock.
@Suite struct RegistryStateTests {
    let t0: Duration = .seconds(1_000)

    static func web(
        _ id: String = "web-1", port: Int = 8080, tags: [String] = ["v1"], checks: [ConsulCheckDefinition] = []
    ) -> ConsulServiceRegistration {
        ConsulServiceRegistration(id: id, name: "web", tags: tags, address: "10.0.0.1", port: port, checks: checks)
    }

    @Test func registrationDefaultsLikeConsul() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        let scheduled = try state.register(
            Self.web(checks: [.http("http://127.0.0.1:1/health", interval: .seconds(1))]), now: t0)
        let check = try #require(state.checks["service:web-1"])
        #expect(check.status == .critical)
        #expect(check.name == "Service 'web' check")
        #expect(check.timeout == .seconds(10))
        #expect(check.interval == .seconds(1))
        #expect(scheduled.map(\.id) == ["service:web-1"])
        #expect(state.passingInstances(of: "web").isEmpty)
        #expect(state.healthEntries(of: "web", passingOnly: false).count == 1)

        try state.register(
            ConsulServiceRegistration(
                name: "api",
                checks: [.ttl(.seconds(5)), .tcp("127.0.0.1:1", interval: .seconds(1))]),
            now: t0)
        #expect(state.services["api"] != nil, "ID defaults to the name")
        #expect(state.checks["service:api:1"] != nil)
        #expect(state.checks["service:api:2"] != nil)
    }

    @Test func serviceWithoutChecksPasses() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        try state.register(Self.web(), now: t0)
        #expect(state.passingInstances(of: "web").map(\.id) == ["web-1"])
        #expect(state.catalogServices == ["web": ["v1"]])
    }

    @Test func invalidRegistrationsAreRejected() {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        #expect(throws: ConsulRegistryError.badRequest("Missing service name")) {
            try state.register(ConsulServiceRegistration(name: ""), now: t0)
        }
        for check in [
            ConsulCheckDefinition(http: "http://x/"),  // no interval
            ConsulCheckDefinition(name: "nothing"),  // no kind
            ConsulCheckDefinition(ttl: "soon"),  // bad duration
            ConsulCheckDefinition(ttl: "0s"),
        ] {
            #expect(throws: ConsulRegistryError.self) { try state.register(Self.web(checks: [check]), now: t0) }
        }
        #expect(state.services.isEmpty)
        #expect(state.index == 1, "rejected requests change nothing")
    }

    @Test func explicitStatusAndReRegistrationKeepStatus() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        try state.register(Self.web(checks: [.init(checkID: "c", ttl: "10s", status: .passing)]), now: t0)
        #expect(state.checks["c"]?.status == .passing)
        try state.updateTTLCheck(id: "c", status: .warning, output: "slow", now: t0)

        // Same registration again: nothing changes, not even the index.
        let index = state.index
        try state.register(Self.web(checks: [.init(checkID: "c", ttl: "10s", status: .passing)]), now: t0)
        #expect(state.index == index)

        // A changed registration keeps the status of a check without an explicit Status.
        try state.register(Self.web(port: 9090, checks: [.init(checkID: "c", ttl: "10s")]), now: t0)
        #expect(state.checks["c"]?.status == .warning)
        #expect(state.checks["c"]?.output == "slow")
        #expect(state.services["web-1"]?.registration.port == 9090)
    }

    @Test func reRegistrationReplacesChecksAndKeepsMaintenance() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        try state.register(Self.web(checks: [.ttl(.seconds(5), checkID: "a"), .ttl(.seconds(5), checkID: "b")]), now: t0)
        try state.setMaintenance(serviceID: "web-1", enabled: true, reason: "upgrade")
        try state.register(Self.web(checks: [.ttl(.seconds(5), checkID: "b")]), now: t0)
        #expect(state.checks["a"] == nil)
        #expect(state.services["web-1"]?.checkIDs == ["b", "_service_maintenance:web-1"])
    }

    @Test func deregisterRemovesServiceAndChecks() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        try state.register(Self.web(checks: [.ttl(.seconds(5))]), now: t0)
        let before = state.watchedIndex(.service("web"))
        let r1 = state.deregister(serviceID: "web-1")
        #expect(r1)
        #expect(state.checks.isEmpty)
        #expect(state.watchedIndex(.service("web")) > before, "the index never goes backwards")
        #expect(state.catalogServices.isEmpty)
        let r2 = state.deregister(serviceID: "web-1")
        #expect(!r2)
    }

    @Test func maintenanceDrainsAndRestores() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        try state.register(Self.web(), now: t0)
        try state.setMaintenance(serviceID: "web-1", enabled: true, reason: "upgrade")
        let check = try #require(state.checks["_service_maintenance:web-1"])
        #expect(check.status == .critical)
        #expect(check.notes == "upgrade")
        #expect(state.passingInstances(of: "web").isEmpty)

        let index = state.index
        try state.setMaintenance(serviceID: "web-1", enabled: true, reason: nil)
        #expect(state.index == index, "enabling twice changes nothing")

        try state.setMaintenance(serviceID: "web-1", enabled: false, reason: nil)
        #expect(state.passingInstances(of: "web").map(\.id) == ["web-1"])
        #expect(throws: ConsulRegistryError.notFound("Unknown service ID \"nope\"")) {
            try state.setMaintenance(serviceID: "nope", enabled: true, reason: nil)
        }
    }

    @Test func onlyStatusChangesMoveTheServiceIndex() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        let scheduled = try state.register(
            Self.web(checks: [.http("http://127.0.0.1:1/", interval: .seconds(1))]), now: t0)
        let check = try #require(scheduled.first)
        let registered = state.watchedIndex(.service("web"))

        let r3 = state.recordResult(checkID: check.id, generation: check.generation, status: .critical, output: "refused", now: t0)
        #expect(r3)
        #expect(state.watchedIndex(.service("web")) == registered, "same status: no wake-up")
        #expect(state.checks[check.id]?.output == "refused")

        let r4 = state.recordResult(checkID: check.id, generation: check.generation, status: .passing, output: "200 OK", now: t0)
        #expect(r4)
        #expect(state.watchedIndex(.service("web")) > registered)
        #expect(state.passingInstances(of: "web").count == 1)

        // Other services' changes do not move this service's index.
        let webIndex = state.watchedIndex(.service("web"))
        try state.register(ConsulServiceRegistration(name: "db"), now: t0)
        let r5 = state.kvPut("k", value: Array("v".utf8))
        #expect(r5)
        #expect(state.watchedIndex(.service("web")) == webIndex)
        #expect(state.watchedIndex(.catalogServices) > webIndex)
    }

    @Test func staleGenerationsAreIgnored() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        let first = try #require(
            try state.register(Self.web(checks: [.http("http://a/", interval: .seconds(1))]), now: t0).first)
        let second = try #require(
            try state.register(Self.web(checks: [.http("http://b/", interval: .seconds(1))]), now: t0).first)
        #expect(first.id == second.id)
        let r6 = state.recordResult(checkID: first.id, generation: first.generation, status: .passing, output: "", now: t0)
        #expect(!r6)
        #expect(state.checks[first.id]?.status == .critical)
        #expect(state.isCurrent(checkID: second.id, generation: second.generation))
    }

    @Test func ttlChecksExpire() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        let check = try #require(
            try state.register(Self.web(checks: [.init(checkID: "t", ttl: "10s", status: .passing)]), now: t0).first)
        let r7 = state.advanceTTL(checkID: "t", generation: check.generation, now: t0 + .seconds(5))
        #expect(r7 == t0 + .seconds(10))
        #expect(state.checks["t"]?.status == .passing)

        try state.updateTTLCheck(id: "t", status: .passing, output: "alive", now: t0 + .seconds(8))
        let r8 = state.advanceTTL(checkID: "t", generation: check.generation, now: t0 + .seconds(10))
        #expect(r8 == t0 + .seconds(18))
        #expect(state.checks["t"]?.status == .passing)

        let wake = state.advanceTTL(checkID: "t", generation: check.generation, now: t0 + .seconds(18))
        #expect(state.checks["t"]?.status == .critical)
        #expect(state.checks["t"]?.output == "TTL expired")
        #expect(wake == t0 + .seconds(28), "no deadline left: look again one TTL later")
    }

    @Test func criticalChecksReapTheirService() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        let check = try #require(
            try state.register(
                Self.web(checks: [.ttl(.seconds(1), checkID: "t", deregisterAfter: .seconds(3))]), now: t0
            ).first)
        // Created critical at t0: reaped at t0 + 3s.
        let r9 = state.advanceTTL(checkID: "t", generation: check.generation, now: t0 + .seconds(2))
        #expect(r9 == t0 + .seconds(3))
        #expect(state.services["web-1"] != nil)
        let r10 = state.advanceTTL(checkID: "t", generation: check.generation, now: t0 + .seconds(3))
        #expect(r10 == nil)
        #expect(state.services["web-1"] == nil)

        let http = try #require(
            try state.register(
                Self.web(checks: [.http("http://x/", interval: .seconds(1), deregisterAfter: .seconds(5))]), now: t0
            ).first)
        let r11 = state.recordResult(checkID: http.id, generation: http.generation, status: .passing, output: "", now: t0 + .seconds(1))
        #expect(r11)
        let r12 = state.recordResult(checkID: http.id, generation: http.generation, status: .critical, output: "", now: t0 + .seconds(2))
        #expect(r12)
        let r13 = state.recordResult(checkID: http.id, generation: http.generation, status: .critical, output: "", now: t0 + .seconds(6))
        #expect(r13)
        let r14 = state.recordResult(checkID: http.id, generation: http.generation, status: .critical, output: "", now: t0 + .seconds(7))
        #expect(!r14)
        #expect(state.services.isEmpty)
    }

    @Test func ttlUpdatesNeedATTLCheck() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        try state.register(Self.web(checks: [.http("http://x/", interval: .seconds(1))]), now: t0)
        #expect(throws: ConsulRegistryError.notFound("Unknown check ID \"nope\"")) {
            try state.updateTTLCheck(id: "nope", status: .passing, output: nil, now: t0)
        }
        #expect(throws: ConsulRegistryError.failed("CheckID \"service:web-1\" does not have associated TTL")) {
            try state.updateTTLCheck(id: "service:web-1", status: .passing, output: nil, now: t0)
        }
    }

    @Test func healthFiltersByTagAndStatus() throws {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        try state.register(Self.web("web-1", tags: ["blue"]), now: t0)
        try state.register(Self.web("web-2", tags: ["green"], checks: [.ttl(.seconds(5))]), now: t0)
        #expect(state.healthEntries(of: "web", passingOnly: false).map(\.service.id) == ["web-1", "web-2"])
        #expect(state.healthEntries(of: "web", passingOnly: true).map(\.service.id) == ["web-1"])
        #expect(state.healthEntries(of: "web", passingOnly: false, tags: ["green"]).map(\.service.id) == ["web-2"])
        let entry = try #require(state.healthEntries(of: "web", passingOnly: false).last)
        #expect(entry.checks.map(\.checkID) == ["serfHealth", "service:web-2"])
        #expect(entry.node.node == "node-a")
        #expect(state.catalogServices == ["web": ["blue", "green"]])
    }

    @Test func kvCheckAndSet() {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        let r15 = state.kvPut("a/b", value: Array("1".utf8), cas: 0)
        #expect(r15, "cas=0 creates")
        let r16 = state.kvPut("a/b", value: Array("2".utf8), cas: 0)
        #expect(!r16, "cas=0 refuses to overwrite")
        let modify = state.kv["a/b"]!.modifyIndex
        let r17 = state.kvPut("a/b", value: Array("2".utf8), cas: modify + 100)
        #expect(!r17)
        let r18 = state.kvPut("a/b", value: Array("2".utf8), cas: modify)
        #expect(r18)
        #expect(state.kv["a/b"]?.value == Array("2".utf8))
        #expect(state.kv["a/b"]?.createIndex == modify, "create index stays")

        let r19 = state.kvDelete("a/b", cas: 0)
        #expect(!r19)
        let r20 = state.kvDelete("a/b", cas: modify)
        #expect(!r20)
        let r21 = state.kvDelete("a/b", cas: state.kv["a/b"]!.modifyIndex)
        #expect(r21)
        #expect(state.kv["a/b"] == nil)
    }

    @Test func kvPrefixesKeysAndTombstones() {
        var state = RegistryState(nodeName: "node-a", nodeID: "id-a", datacenter: "dc1")
        for key in ["app/x", "app/y/1", "app/y/2", "other"] {
            _ = state.kvPut(key, value: Array(key.utf8))
        }
        #expect(state.kvEntries(prefix: "app/").map(\.key) == ["app/x", "app/y/1", "app/y/2"])
        #expect(state.kvKeys(prefix: "app/", separator: "/") == ["app/x", "app/y/"])
        #expect(state.kvKeys(prefix: "", separator: nil) == ["app/x", "app/y/1", "app/y/2", "other"])
        #expect(state.kvEntry("app/x")?.value == Data("app/x".utf8).base64EncodedString())

        let other = state.watchedIndex(.key("other"))
        let prefix = state.watchedIndex(.prefix("app/"))
        let r22 = state.kvDelete("app/", recurse: true)
        #expect(r22)
        #expect(state.kvEntries(prefix: "app/").isEmpty)
        #expect(state.watchedIndex(.prefix("app/")) > prefix, "deletes move the index through tombstones")
        #expect(state.watchedIndex(.key("app/x")) > prefix)
        #expect(state.watchedIndex(.key("other")) == other)
        #expect(state.watchedIndex(.key("never")) == 1)
    }
}
