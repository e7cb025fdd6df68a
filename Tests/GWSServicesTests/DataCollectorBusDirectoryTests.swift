import Foundation
import GWSAuth
import GWSConfigData
import GWSServiceKit
import GWSStores
import GWSTestKit
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import GWSServices

/// Agents' groups for the Data Collector: from a live Configuration service
/// (real PostgreSQL) with a service token, and the cache in front of it.
@Suite("Data Collector bus directory", .serialized)
struct DataCollectorBusDirectoryTests {
    /// Runs `body` with a directory on a live Configuration app holding
    /// `alice` (E-100, Sales) and `alice2` (E-200, Night) in tenant acme.
    func withConfigurationDirectory(_ body: @escaping @Sendable (ConfigurationAgentDirectory) async throws -> Void) async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await withStores(["GWS_POSTGRES_URL": server.url(database: database)]) { stores in
                let postgres = try #require(stores.postgres)
                let repository = ConfigurationRepository(store: postgres, hasher: PasswordHasher(rounds: 1000), logger: testLogger)
                _ = try await repository.migrate()
                _ = try await repository.ensureTenant(id: "acme")
                let alice = try await repository.createPerson(tenant: "acme", NewPerson(userName: "alice", employeeId: "E-100", isAgent: true))
                let alice2 = try await repository.createPerson(tenant: "acme", NewPerson(userName: "alice2", employeeId: "E-200", isAgent: true))
                let sales = try await repository.createAgentGroup(tenant: "acme", name: "Sales")
                let night = try await repository.createAgentGroup(tenant: "acme", name: "Night")
                _ = try await repository.createAgentGroup(tenant: "acme", name: "Empty")
                try await repository.addAgentGroupMember(tenant: "acme", groupDbid: sales.dbid, personDbid: alice.dbid)
                try await repository.addAgentGroupMember(tenant: "acme", groupDbid: night.dbid, personDbid: alice2.dbid)

                let http = PeerServiceClient.makeHTTPClient()
                do {
                    try await withLiveConfiguration(stores: stores, repository: repository) { url in
                        let minter = ServiceTokenMinter(signer: TokenSigner(key: TestTokens.key), subject: DataCollectorService.tokenSubject)
                        var client = PeerServiceClient(
                            http: http, locator: FixedPeerLocator(url: url), logger: testLogger)
                        client.token = minter.token
                        try await body(ConfigurationAgentDirectory(client: client))
                    }
                } catch {
                    try await http.shutdown()
                    throw error
                }
                try await http.shutdown()
            }
        }
    }

    @Test("Configuration gives the person whose user name matches exactly, and its groups")
    func profiles() async throws {
        try await withConfigurationDirectory { directory in
            let alice = try await directory.profile(tenant: "acme", userName: "ALICE")
            #expect(alice == AgentProfile(employeeId: "E-100", groups: ["Sales"]))
            let alice2 = try await directory.profile(tenant: "acme", userName: "alice2")
            #expect(alice2 == AgentProfile(employeeId: "E-200", groups: ["Night"]))
            let partial = try await directory.profile(tenant: "acme", userName: "ali")
            #expect(partial == nil)
            let otherTenant = try await directory.profile(tenant: "other", userName: "alice")
            #expect(otherTenant == nil)
        }
    }

    @Test("an event without an employee id is filed under Configuration's, with its groups")
    func eventsUseConfiguration() async throws {
        try await withConfigurationDirectory { directory in
            try await withStatisticsStack(directory: directory) { stack in
                try await stack.publish(VoiceEvents.dn("alice", .ready, at: 10))
                #expect(try await stack.eventually("AgentsReady", "AgentGroup", "Sales", is: 1))
                #expect(try await stack.value("CurrentAgentState", "Agent", "E-100")?["agentState"] == "Ready")
                #expect(try await stack.value("AgentsReady", "AgentGroup", "Night") == 0)
            }
        }
    }

    @Test("the cache asks once per lifetime, and keeps the last answer while the directory fails")
    func cache() async throws {
        let base = CountingDirectory()
        let clock = LockedBox(ContinuousClock.now)
        let cache = CachedAgentDirectory(base: base, lifetime: .seconds(30), logger: testLogger, now: { clock.value })
        #expect(try await cache.profile(tenant: "acme", userName: "alice")?.groups == ["Sales"])
        #expect(try await cache.profile(tenant: "acme", userName: "Alice")?.groups == ["Sales"])
        #expect(base.calls == 1)
        #expect(try await cache.profile(tenant: "other", userName: "alice") != nil)
        #expect(base.calls == 2)

        clock.value = clock.value.advanced(by: .seconds(31))
        base.failing = true
        #expect(try await cache.profile(tenant: "acme", userName: "alice")?.groups == ["Sales"], "stale answer while failing")
        #expect(base.calls == 3)
        await #expect(throws: GWSError.self) { try await cache.profile(tenant: "acme", userName: "nobody") }
        base.failing = false
        #expect(try await cache.profile(tenant: "acme", userName: "alice") != nil)
        #expect(base.calls == 5)
    }
}

/// A directory that counts its calls and can be made to fail.
final class CountingDirectory: AgentDirectory, Sendable {
    private let state = Mutex((calls: 0, failing: false))

    var calls: Int { state.withLock { $0.calls } }
    var failing: Bool {
        get { state.withLock { $0.failing } }
        set { state.withLock { $0.failing = newValue } }
    }

    func profile(tenant: String, userName: String) async throws -> AgentProfile? {
        let failing = state.withLock { state in
            state.calls += 1
            return state.failing
        }
        if failing { throw GWSError(.serviceUnavailable, "down") }
        return AgentProfile(employeeId: "e-\(userName)", groups: ["Sales"])
    }
}
