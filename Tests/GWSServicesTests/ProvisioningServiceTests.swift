import Foundation
import GWSServiceKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The Provisioning users API against a live Configuration on a real PostgreSQL.
@Suite("Provisioning service", .serialized)
struct ProvisioningServiceTests {
    static let users = "/provisioning/v3/objects/users"

    /// A user body with the given names.
    static func userBody(_ name: String, groups: [String] = [], skills: [(String, Int)] = []) -> String {
        let groupList = groups.map { "\"\($0)\"" }.joined(separator: ",")
        let skillList = skills.map { #"{"name":"\#($0.0)","level":\#($0.1)}"# }.joined(separator: ",")
        return #"{"data":{"userName":"\#(name)","firstName":"F\#(name)","lastName":"L\#(name)","password":"Secret-\#(name)-123","employeeID":"E-\#(name)","agentGroups":[\#(groupList)],"skills":[\#(skillList)]}}"#
    }

    /// Creates skills and groups by name through Provisioning.
    static func seed(_ client: any TestClientProtocol, skills: [String], groups: [String], tenant: String = "acme") async throws {
        for skill in skills {
            let created = try await client.gws(.post, "/provisioning/v3/objects/skills", tenant: tenant, body: #"{"data":{"name":"\#(skill)"}}"#)
            #expect(created.status == .ok)
            #expect(created.data?["dbid"]?.intValue != nil)
        }
        for group in groups {
            let created = try await client.gws(.post, "/provisioning/v3/objects/agent-groups", tenant: tenant, body: #"{"data":{"name":"\#(group)"}}"#)
            #expect(created.status == .ok)
        }
    }

    /// Whether a response's raw JSON mentions a password anywhere.
    static func mentionsPassword(_ response: GWSTestResponse) -> Bool {
        let text = String(decoding: (try? JSONEncoder().encode(response.json)) ?? Data(), as: UTF8.self)
        return text.lowercased().contains("password") || text.contains("Secret-")
    }

    @Test func initializeProvisioningOpensASession() async throws {
        try await withProvisioning(locator: FixedPeerLocator(url: "http://127.0.0.1:9")) { client in
            let response = try await client.gws(.post, "/provisioning/v3/initialize-provisioning")
            #expect(response.status == .ok)
            #expect(response.code == 0)
            let id = try #require(response.data?["sessionId"]?.stringValue)
            #expect(response.headers[.setCookie]?.contains("PROVISIONING_SESSIONID=\(id)") == true)
        }
    }

    @Test func usersCanBeCreatedReadListedUpdatedAndDeleted() async throws {
        try await withProvisioning { client in
            try await Self.seed(client, skills: ["English", "French"], groups: ["Sales", "Support"])
            let created = try await client.gws(.post, Self.users, body: Self.userBody("ann", groups: ["Sales"], skills: [("English", 7)]))
            #expect(created.status == .ok)
            #expect(created.code == 0)
            #expect(!Self.mentionsPassword(created))
            let dbid = try #require(created.data?["dbid"]?.intValue)

            let read = try await client.gws(.get, "\(Self.users)/\(dbid)")
            #expect(read.status == .ok)
            let user = try #require(read.data?["user"])
            #expect(user["DBID"]?.intValue == dbid)
            #expect(user["userName"] == "ann")
            #expect(user["firstName"] == "Fann")
            #expect(user["employeeID"] == "E-ann")
            #expect(user["agentGroups"]?.arrayValue?.compactMap(\.stringValue) == ["Sales"])
            #expect(user["skills"]?[0]?["name"] == "English")
            #expect(user["skills"]?[0]?["level"]?.intValue == 7)
            #expect(!Self.mentionsPassword(read))

            for name in ["bob", "carl", "dora"] {
                #expect(try await client.gws(.post, Self.users, body: Self.userBody(name)).status == .ok)
            }
            let page = try await client.gws(.get, "\(Self.users)?limit=2&offset=1")
            #expect(page.status == .ok)
            #expect(page.data?["totalCount"]?.intValue == 4)
            #expect(page.data?["users"]?.arrayValue?.count == 2)
            #expect(!Self.mentionsPassword(page))
            let filtered = try await client.gws(.get, "\(Self.users)?filterName=carl")
            #expect(filtered.data?["totalCount"]?.intValue == 1)
            #expect(filtered.data?["users"]?[0]?["userName"] == "carl")

            let updated = try await client.gws(
                .put, "\(Self.users)/\(dbid)",
                body: #"{"data":{"firstName":"Anne","agentGroups":["Support"],"skills":[{"name":"French","level":3}]}}"#)
            #expect(updated.status == .ok)
            let after = try #require(try await client.gws(.get, "\(Self.users)/\(dbid)").data?["user"])
            #expect(after["firstName"] == "Anne")
            #expect(after["lastName"] == "Lann", "a partial update keeps the other fields")
            #expect(after["agentGroups"]?.arrayValue?.compactMap(\.stringValue) == ["Support"])
            #expect(after["skills"]?.arrayValue?.count == 1)
            #expect(after["skills"]?[0]?["name"] == "French")

            let deleted = try await client.gws(.delete, "\(Self.users)/\(dbid)")
            #expect(deleted.status == .ok)
            #expect(deleted.code == 0)
            for method in [HTTPRequest.Method.get, .delete] {
                let gone = try await client.gws(method, "\(Self.users)/\(dbid)")
                #expect(gone.status == .notFound)
                #expect(gone.code == 404)
            }
            let missing = try await client.gws(.put, "\(Self.users)/999999", body: #"{"data":{"firstName":"X"}}"#)
            #expect(missing.status == .notFound)
        }
    }

    @Test func conflictsAndUnknownNamesKeepTheirMeaning() async throws {
        try await withProvisioning { client in
            try await Self.seed(client, skills: ["English"], groups: ["Sales"])
            #expect(try await client.gws(.post, Self.users, body: Self.userBody("ann")).status == .ok)
            let duplicate = try await client.gws(.post, Self.users, body: Self.userBody("ann"))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.code == 409)
            #expect(!duplicate.message.isEmpty)

            let unknown = try await client.gws(
                .post, Self.users, body: Self.userBody("bob", groups: ["Sales", "Nope"], skills: [("English", 1), ("Klingon", 2)]))
            #expect(unknown.status == .badRequest)
            #expect(unknown.message.contains("Nope") || unknown.message.contains("Klingon"))
            let list = try await client.gws(.get, "\(Self.users)?filterName=bob")
            #expect(list.data?["totalCount"]?.intValue == 0, "nothing was created")
            let groups = try await client.gws(.get, "/provisioning/v3/objects/agent-groups")
            #expect(groups.data?["agentGroups"]?.arrayValue?.count == 1)

            let noPassword = try await client.gws(.post, Self.users, body: #"{"data":{"userName":"x","employeeID":"E-x"}}"#)
            #expect(noPassword.status == .badRequest)
            #expect(noPassword.message.contains("password"))
            let noName = try await client.gws(.post, Self.users, body: #"{"data":{"password":"Secret-x-123","employeeID":"E-x"}}"#)
            #expect(noName.status == .badRequest)
            #expect(noName.message.contains("userName"))
        }
    }

    @Test func tenantsAreIsolated() async throws {
        try await withProvisioning { client in
            let created = try await client.gws(.post, Self.users, tenant: "acme", body: Self.userBody("ann"))
            let dbid = try #require(created.data?["dbid"]?.intValue)
            let other = try await client.gws(.get, Self.users, tenant: "globex")
            #expect(other.data?["totalCount"]?.intValue == 0)
            #expect(try await client.gws(.get, "\(Self.users)/\(dbid)", tenant: "globex").status == .notFound)
            #expect(try await client.gws(.delete, "\(Self.users)/\(dbid)", tenant: "globex").status == .notFound)
            #expect(try await client.gws(.post, Self.users, tenant: "globex", body: Self.userBody("ann")).status == .ok)
            #expect(try await client.gws(.get, Self.users, tenant: nil).status == .unauthorized)
            // Provisioning needs an admin: an agent's token is refused, reads included.
            #expect(try await client.gws(.get, Self.users, authorities: ["ROLE_AGENT"]).status == .forbidden)
            let refused = try await client.gws(.post, Self.users, authorities: ["ROLE_AGENT"], body: Self.userBody("bob"))
            #expect(refused.status == .forbidden)
            #expect(refused.message.contains("ROLE_ADMIN"))
        }
    }

    @Test func unreachableConfigurationAnswers503NamingIt() async throws {
        let port = 1  // never listened on
        try await withProvisioning(locator: FixedPeerLocator(url: "http://127.0.0.1:\(port)")) { client in
            for (method, uri, body) in [
                (HTTPRequest.Method.get, Self.users, nil), (.post, Self.users, Self.userBody("ann")),
                (.get, "\(Self.users)/1", nil), (.get, "/provisioning/v3/objects/skills", nil),
            ] {
                let response = try await client.gws(method, uri, body: body)
                #expect(response.status == .serviceUnavailable)
                #expect(response.code == 503)
                #expect(response.message.contains("gws-platform-configuration"))
            }
        }
        try await withProvisioning(locator: NoConsulPeerLocator()) { client in
            let response = try await client.gws(.get, Self.users)
            #expect(response.status == .serviceUnavailable)
        }
    }
}
