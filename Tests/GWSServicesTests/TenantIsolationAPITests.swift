import Foundation
import GWSServiceKit
import GWSStores
import GWSTestKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Issue 4 §9 through the APIs: a token of tenant `globex` can neither read
/// nor change what tenant `acme` has (Configuration on a real PostgreSQL,
/// Workspace sessions on a real Redis). Provisioning, Setting, Ixn, Statistics
/// and Data Collector check the same in their own suites.
@Suite struct TenantIsolationAPITests {
    @Test func configurationOfOneTenantIsInvisibleAndUnchangeableForAnother() async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await withStores(["GWS_POSTGRES_URL": server.url(database: database)]) { stores in
                let app = ConfigurationService.buildApplication(makeScaffold("configuration", stores: stores))
                try await app.test(.router) { client in
                    #expect(try await client.waitUntilReady(), "migrations applied")
                    let acme = try await Self.seed(client)
                    try await Self.expectInvisible(acme, to: client)
                    // acme's data is as it was.
                    let person = try await client.gws(.get, "/configuration/v3/persons/\(acme.person)")
                    #expect(person.data?["person"]?["firstName"]?.stringValue == "Ann")
                    let members = try await client.gws(.get, "/configuration/v3/agent-groups")
                    #expect(members.data?["agentGroups"]?[0]?["memberDbids"] == [.int(acme.person)])
                    let skills = try await client.gws(.get, "/configuration/v3/persons/\(acme.person)/skills")
                    #expect(skills.data?["skills"]?[0]?["level"]?.intValue == 5)
                }
            }
        }
    }

    /// The dbids acme created.
    struct Seeded {
        var person: Int
        var skill: Int
        var group: Int
    }

    /// Creates a person of `acme` with a skill level and a group membership, and a DN and place.
    static func seed(_ client: any TestClientProtocol) async throws -> Seeded {
        let base = "/configuration/v3"
        let person = try #require(try await client.gws(
            .post, "\(base)/persons", body: #"{"data":{"userName":"ann","firstName":"Ann","employeeId":"e-ann","password":"Secret-123"}}"#
        ).data?["person"]?["dbid"]?.intValue)
        let skill = try #require(try await client.gws(.post, "\(base)/skills", body: #"{"data":{"name":"French"}}"#)
            .data?["skill"]?["dbid"]?.intValue)
        let group = try #require(try await client.gws(.post, "\(base)/agent-groups", body: #"{"data":{"name":"Sales"}}"#)
            .data?["agentGroup"]?["dbid"]?.intValue)
        #expect(try await client.gws(.put, "\(base)/persons/\(person)/skills/\(skill)", body: #"{"data":{"level":5}}"#).status == .ok)
        #expect(try await client.gws(.put, "\(base)/agent-groups/\(group)/members/\(person)").status == .ok)
        #expect(try await client.gws(.post, "\(base)/dns", body: #"{"data":{"number":"7001"}}"#).status == .ok)
        #expect(try await client.gws(.post, "\(base)/places", body: #"{"data":{"name":"P7001","dn":"7001"}}"#).status == .ok)
        return Seeded(person: person, skill: skill, group: group)
    }

    /// What a globex admin sees and may do with acme's objects: nothing.
    static func expectInvisible(_ acme: Seeded, to client: any TestClientProtocol) async throws {
        let base = "/configuration/v3"
        func globex(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws -> GWSTestResponse {
            try await client.gws(method, base + path, tenant: "globex", body: body)
        }
        #expect(try await globex(.get, "/persons").data?["persons"] == [])
        for kind in ["skills", "agent-groups", "dns", "places"] {
            let list = try await globex(.get, "/\(kind)")
            #expect(list.status == .ok)
            #expect(list.data?.objectValue?.values.first == [], "globex lists no \(kind) of acme")
        }
        let refused: [(HTTPRequest.Method, String, String?)] = [
            (.get, "/persons/\(acme.person)", nil),
            (.put, "/persons/\(acme.person)", #"{"data":{"firstName":"Mallory"}}"#),
            (.delete, "/persons/\(acme.person)", nil),
            (.get, "/persons/\(acme.person)/skills", nil),
            (.put, "/persons/\(acme.person)/skills/\(acme.skill)", #"{"data":{"level":1}}"#),
            (.put, "/agent-groups/\(acme.group)/members/\(acme.person)", nil),
        ]
        for (method, path, body) in refused {
            let response = try await globex(method, path, body)
            #expect(response.status == .notFound, "globex \(method) \(path): \(response.status)")
        }
        // Removals are idempotent (200 when there is nothing to remove): they must change nothing of acme's,
        // which the caller checks afterwards.
        for path in ["/persons/\(acme.person)/skills/\(acme.skill)", "/agent-groups/\(acme.group)/members/\(acme.person)"] {
            let response = try await globex(.delete, path)
            #expect(response.status == .ok || response.status == .notFound, "globex DELETE \(path): \(response.status)")
        }
    }

    @Test func aWorkspaceSessionOfOneTenantIsRefusedToAnothersToken() async throws {
        try await withWorkspaceWorld { world in
            try await world.withWorkspace { client in
                let opened = try await client.gws(.post, "/workspace/v3/initialize-workspace", tenant: nil, headers: world.agentAuthorization())
                #expect(opened.status == .ok)
                let cookie = try #require(opened.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                // Same user name and dbid, other tenant: the cookie does not open acme's session.
                let token = TestTokens.token(
                    tenant: "globex", user: world.agent.userName, sub: String(world.agent.dbid), authorities: ["ROLE_AGENT"])
                let globex: HTTPFields = [.authorization: "Bearer \(token)", .cookie: cookie]
                for (method, path) in [(HTTPRequest.Method.get, "current-session"), (.post, "voice/ready"), (.get, "voice/calls"),
                                       (.post, "logout")] {
                    let response = try await client.gws(method, "/workspace/v3/\(path)", tenant: nil, headers: globex)
                    #expect(response.status == .unauthorized, "\(method) \(path): \(response.status)")
                }
                // acme's own token still has it.
                let mine = try await client.gws(
                    .get, "/workspace/v3/current-session", tenant: nil, headers: world.agentAuthorization().merging([.cookie: cookie]))
                #expect(mine.status == .ok)
            }
        }
    }
}
