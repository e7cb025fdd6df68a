import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSDiscovery

/// `ConsulClient` against the registry served on a live port, with the check runner running.
@Suite struct ConsulClientLiveTests {
    let registry = ConsulRegistry(logger: testLogger)

    func withConsul(_ test: @Sendable (ConsulClient) async throws -> Void) async throws {
        try await makeRegistryApplication(registry).test(.live) { testClient in
            let port = try #require(testClient.port)
            try await test(ConsulClient(baseURL: "http://127.0.0.1:\(port)/", logger: testLogger))
        }
    }

    @Test func httpCheckPassesThenGoesCriticalWhenTheServiceStops() async throws {
        try await withConsul { consul in
            try await withHealthEndpoint { port, stop in
                try await consul.register(
                    ConsulServiceRegistration(
                        id: "web-1", name: "web", tags: ["v1"], address: "127.0.0.1", port: port,
                        meta: ["version": "1"],
                        checks: [.http("http://127.0.0.1:\(port)/health", interval: .milliseconds(200), timeout: .milliseconds(500))]))

                // The registry probes at registration: a ready service passes within the round-trip.
                let passing = try await consul.healthyInstances(of: "web")
                #expect(
                    passing.value == [
                        ConsulServiceInstance(
                            id: "web-1", name: "web", address: "127.0.0.1", port: port, tags: ["v1"], meta: ["version": "1"])
                    ])
                #expect(try await consul.catalogServices() == ["web": ["v1"]])

                await stop()
                let critical = try await awaitInstances(consul, of: "web") { $0.isEmpty }
                #expect(critical.value.isEmpty)
                #expect(critical.index > passing.index)
                let all = try await consul.healthyInstances(of: "web", passingOnly: false)
                #expect(all.value.map(\.id) == ["web-1"], "critical instances stay registered")

                try await consul.deregister(serviceID: "web-1")
                #expect(try await consul.healthyInstances(of: "web", passingOnly: false).value.isEmpty)
                #expect(try await consul.catalogServices() == [:])
            }
        }
    }

    @Test func failingHTTPStatusesAreCriticalOrWarning() async throws {
        try await withConsul { consul in
            try await withHealthEndpoint(status: .tooManyRequests) { port, _ in
                try await consul.register(
                    ConsulServiceRegistration(
                        id: "busy", name: "busy", port: port,
                        checks: [.http("http://127.0.0.1:\(port)/health", interval: .seconds(30))]))
                #expect(try await consul.healthyInstances(of: "busy").value.isEmpty)
                let checks = await registry.read(.service("busy")) { $0.healthChecks(of: "busy") }.value
                #expect(checks.map(\.status) == ["warning"])
            }
        }
    }

    @Test func ttlCheckExpiresToCritical() async throws {
        try await withConsul { consul in
            try await consul.register(
                ConsulServiceRegistration(
                    id: "job-1", name: "job", checks: [ConsulCheckDefinition(checkID: "job-ttl", ttl: "300ms")]))
            #expect(try await consul.healthyInstances(of: "job").value.isEmpty, "TTL checks start critical")

            try await consul.updateTTL(checkID: "job-ttl", status: .passing, output: "working")
            #expect(try await consul.healthyInstances(of: "job").value.map(\.id) == ["job-1"])

            let expired = try await awaitInstances(consul, of: "job") { $0.isEmpty }
            #expect(expired.value.isEmpty)
            let check = await registry.read(.service("job")) { $0.checks["job-ttl"] }.value
            #expect(check?.output == "TTL expired")
        }
    }

    @Test func criticalServicesAreDeregisteredAfterTheirDeadline() async throws {
        try await withConsul { consul in
            try await consul.register(
                ConsulServiceRegistration(
                    id: "gone-1", name: "gone", checks: [.ttl(.milliseconds(100), deregisterAfter: .milliseconds(200))]))
            let result = try await awaitInstances(consul, of: "gone", passingOnly: false) { $0.isEmpty }
            #expect(result.value.isEmpty)
        }
    }

    @Test func blockingQueryReturnsWhenTheServiceChanges() async throws {
        try await withConsul { consul in
            try await consul.register(ConsulServiceRegistration(id: "api-1", name: "api", port: 1000))
            let first = try await consul.healthyInstances(of: "api")

            async let changed = consul.healthyInstances(of: "api", index: first.index, wait: .seconds(60))
            #expect(try await eventually { await registry.waitingQueries == 1 })
            try await consul.register(ConsulServiceRegistration(id: "api-2", name: "api", port: 1001))
            let second = try await changed
            #expect(second.index > first.index)
            #expect(second.value.map(\.id) == ["api-1", "api-2"])

            // No change: the wait elapses and the index stays.
            let unchanged = try await consul.healthyInstances(of: "api", index: second.index, wait: .seconds(1))
            #expect(unchanged.index == second.index)
            #expect(unchanged.value == second.value)
        }
    }

    @Test func maintenanceTakesAnInstanceOutOfRotation() async throws {
        try await withConsul { consul in
            try await consul.register(ConsulServiceRegistration(id: "ws-1", name: "ws", port: 1))
            try await consul.register(ConsulServiceRegistration(id: "ws-2", name: "ws", port: 2))
            try await consul.setMaintenance(serviceID: "ws-1", enabled: true, reason: "drain")
            #expect(try await consul.healthyInstances(of: "ws").value.map(\.id) == ["ws-2"])
            try await consul.setMaintenance(serviceID: "ws-1", enabled: false)
            #expect(try await consul.healthyInstances(of: "ws").value.map(\.id) == ["ws-1", "ws-2"])

            let error = await #expect(throws: ConsulError.self) {
                try await consul.setMaintenance(serviceID: "nope", enabled: true)
            }
            #expect(error?.statusCode == 404)
        }
    }

    @Test func keyValueCRUDAndCheckAndSet() async throws {
        try await withConsul { consul in
            #expect(try await consul.kvGet("gws/leader") == nil)
            #expect(try await consul.kvPut("gws/leader", value: "op-1", cas: 0))
            #expect(try await consul.kvPut("gws/leader", value: "op-2", cas: 0) == false)
            #expect(try await consul.kvGet("gws/leader") == "op-1")
            #expect(try await consul.kvPut("gws/leader", value: "op-3"))
            #expect(try await consul.kvGet("gws/leader") == "op-3")
            #expect(try await consul.kvPut("gws/empty", value: ""))
            #expect(try await consul.kvGet("gws/empty") == "")
            #expect(try await consul.kvPut("gws/with space/ü", value: "x"))
            #expect(try await consul.kvGet("gws/with space/ü") == "x")
            try await consul.kvDelete("gws/leader")
            #expect(try await consul.kvGet("gws/leader") == nil)
        }
    }

    @Test func errorsNameTheURL() async throws {
        try await withConsul { consul in
            let error = await #expect(throws: ConsulError.self) {
                try await consul.deregister(serviceID: "ghost")
            }
            #expect(error?.statusCode == 404)
            #expect(error?.description.contains("/v1/agent/service/deregister/ghost") == true)

            let invalid = await #expect(throws: ConsulError.self) {
                try await consul.register(ConsulServiceRegistration(name: ""))
            }
            #expect(invalid?.statusCode == 400)
            #expect(invalid?.responseBody?.contains("Missing service name") == true)
        }
    }

    @Test func tokenTravelsInTheConsulHeader() async throws {
        let router = Router()
        router.put("v1/agent/service/deregister/:id") { request, _ in
            Response(status: request.headers[HTTPFields.Element.Name("X-Consul-Token")!] == "s3cret" ? .ok : .forbidden)
        }
        try await withServer(router) { port, _ in
            let withToken = ConsulClient(baseURL: "http://127.0.0.1:\(port)", token: "s3cret", logger: testLogger)
            try await withToken.deregister(serviceID: "x")
            let withoutToken = ConsulClient(baseURL: "http://127.0.0.1:\(port)", logger: testLogger)
            let error = await #expect(throws: ConsulError.self) { try await withoutToken.deregister(serviceID: "x") }
            #expect(error?.statusCode == 403)
        }
    }

    @Test func connectionRefusedIsUnreachable() async throws {
        let httpClient = makeFailFastHTTPClient()
        let consul = ConsulClient(baseURL: "http://127.0.0.1:1", httpClient: httpClient, logger: testLogger)
        let error = await #expect(throws: ConsulError.self) {
            try await consul.catalogServices()
        }
        try await httpClient.shutdown()
        #expect(error?.isUnreachable == true)
        #expect(error?.description.contains("http://127.0.0.1:1/v1/catalog/services") == true)

        // With the shared client the pool retries until the call's timeout, then reports the same way.
        let shared = ConsulClient(baseURL: "127.0.0.1:1", logger: testLogger, requestTimeout: .milliseconds(300))
        let sharedError = await #expect(throws: ConsulError.self) {
            try await shared.kvGet("x")
        }
        #expect(sharedError?.isUnreachable == true)
        #expect(sharedError?.description.contains("http://127.0.0.1:1/v1/kv/x") == true)
    }

    @Test func watcherYieldsEachChange() async throws {
        try await withConsul { consul in
            let watcher = ConsulHealthWatcher(client: consul, service: "proxy", logger: testLogger)
            var updates = watcher.updates().makeAsyncIterator()
            #expect(await updates.next() == [])
            try await consul.register(ConsulServiceRegistration(id: "p-1", name: "proxy", port: 1))
            #expect(await updates.next()?.map(\.id) == ["p-1"])
            try await consul.register(ConsulServiceRegistration(id: "p-0", name: "proxy", port: 2))
            #expect(await updates.next()?.map(\.id) == ["p-0", "p-1"])
            await registry.deregister(serviceID: "p-1")
            #expect(await updates.next()?.map(\.id) == ["p-0"])
        }
    }
}

@Suite struct ConsulHealthWatcherTests {
    @Test func indexRules() {
        #expect(ConsulHealthWatcher.nextIndex(previous: 0, answered: 5) == 5)
        #expect(ConsulHealthWatcher.nextIndex(previous: 5, answered: 7) == 7)
        #expect(ConsulHealthWatcher.nextIndex(previous: 7, answered: 3) == 0, "backwards: reset")
        #expect(ConsulHealthWatcher.nextIndex(previous: 0, answered: 0) == 1, "never 0")
    }

    @Test func backoffIsCappedAndJittered() {
        for failures in 1...20 {
            let delay = ConsulHealthWatcher.backoff(failures: failures)
            #expect(delay > .zero)
            #expect(delay <= .seconds(2))
        }
        #expect(ConsulHealthWatcher.backoff(failures: 1) <= .milliseconds(100))
    }

    @Test func watcherRetriesWhileUnreachableAndEndsOnCancel() async throws {
        let httpClient = makeFailFastHTTPClient()
        let consul = ConsulClient(baseURL: "http://127.0.0.1:1", httpClient: httpClient, logger: testLogger)
        let watcher = ConsulHealthWatcher(client: consul, service: "x", logger: testLogger)
        let consumer = Task {
            var count = 0
            for await _ in watcher.updates() { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(300))
        consumer.cancel()
        #expect(await consumer.value == 0, "nothing is yielded while Consul is unreachable; the stream ends on cancel")
        try await httpClient.shutdown()
    }
}
