import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSDiscovery

/// A registry that replaces another at the same address (a new operator after
/// a takeover) starts above every index the old one handed out, so a client's
/// blocking query carrying an old index is answered at once with the new data.
@Suite struct RegistryRestartTests {
    /// A registration with a TTL check set passing.
    private static func web(_ id: String) -> ConsulServiceRegistration {
        ConsulServiceRegistration(
            id: id, name: "web", address: "127.0.0.1", port: 1,
            checks: [ConsulCheckDefinition(checkID: "ttl:\(id)", ttl: "1h", status: .passing)])
    }

    @Test func indexAfterRestartIsAboveAnyEarlierRegistrysIndexes() async throws {
        let old = ConsulRegistry(logger: testLogger, firstIndex: ConsulRegistry.indexAfterRestart())
        for i in 0..<50 { try await old.register(Self.web("web-\(i)")) }
        let oldIndex = await old.read(.service("web")) { _ in () }.index
        let new = ConsulRegistry(logger: testLogger, firstIndex: ConsulRegistry.indexAfterRestart())
        #expect(await new.read(.service("web")) { _ in () }.index > oldIndex)
        #expect(await new.read(.catalogServices) { _ in () }.index > oldIndex)
        try await new.register(Self.web("web-0"))
        #expect(await new.read(.service("web")) { _ in () }.index > oldIndex)
        // The default still starts at 1, as Consul does.
        #expect(await ConsulRegistry(logger: testLogger).read(.catalogServices) { _ in () }.index == 1)
    }

    @Test func aBlockingQueryWithTheOldRegistrysIndexIsAnsweredAtOnceWithTheNewData() async throws {
        let old = ConsulRegistry(logger: testLogger, firstIndex: ConsulRegistry.indexAfterRestart())
        for i in 0..<3 { try await old.register(Self.web("web-\(i)")) }
        let oldIndex = await old.read(.service("web")) { _ in () }.index

        let new = ConsulRegistry(logger: testLogger, firstIndex: ConsulRegistry.indexAfterRestart())
        try await new.register(Self.web("web-1"))
        try await makeRegistryApplication(new).test(.live) { testClient in
            let consul = ConsulClient(baseURL: "http://127.0.0.1:\(try #require(testClient.port))/", logger: testLogger)
            // An hour's wait: only an immediate answer lets this test finish.
            let answer = try await consul.healthyInstances(of: "web", index: oldIndex, wait: .seconds(3600))
            #expect(answer.value.map(\.id) == ["web-1"])
            #expect(answer.index > oldIndex)
            #expect(ConsulHealthWatcher.nextIndex(previous: oldIndex, answered: answer.index) == answer.index)
        }
    }
}
