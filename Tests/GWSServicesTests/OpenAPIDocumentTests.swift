import Foundation
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The OpenAPI documents: well formed, served publicly at `<basePath>/openapi.json`,
/// and spelled like the public GWS inventory where they overlap with it.
@Suite struct OpenAPIDocumentTests {
    static let roles = RoleOpenAPIDocuments.roles

    func document(_ role: String) throws -> OpenAPIDocument {
        try #require(RoleOpenAPIDocuments.document(role: role))
    }

    @Test(arguments: roles)
    func documentIsServedWithoutToken(role: String) async throws {
        let document = try document(role)
        let expected = document.json
        try await withRoleApp(role) { client in
            let response = try await client.gws(.get, document.basePath + "/openapi.json", tenant: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let same = response.json == expected
            #expect(same, "the served document is \(role)'s")
        }
    }

    @Test(arguments: roles)
    func documentIsWellFormed(role: String) throws {
        let document = try document(role)
        let json = document.json
        #expect(json["openapi"]?.stringValue == "3.0.3")
        #expect(json["servers"]?[0]?["url"]?.stringValue == document.basePath)
        let ids = document.operations.map(\.operationId)
        #expect(Set(ids).count == ids.count, "operationIds are unique")
        #expect(document.normalizedOperations.count == document.operations.count, "no operation is listed twice")
        let schemas = Set(json["components"]?["schemas"]?.objectValue?.keys.map { $0 } ?? [])
        for operation in document.operations {
            let templates = Set(operation.path.matches(of: /\{([^}]+)\}/).map { String($0.1) })
            let declared = Set(operation.parameters.filter { $0["in"] == "path" }.compactMap { $0["name"]?.stringValue })
            #expect(templates == declared, "path parameters of \(operation.operationId)")
            let guarded = operation.access != .open
            let rendered = try #require(json["paths"]?[operation.path]?[operation.method.rawValue.lowercased()])
            #expect((rendered["responses"]?["401"] != nil) == guarded, "401 documented iff guarded: \(operation.operationId)")
            #expect((rendered["security"]?.arrayValue?.isEmpty == true) == !guarded || operation.access == .oauthClient)
        }
        for reference in references(in: json) {
            #expect(schemas.contains(reference), "#/components/schemas/\(reference) is defined")
        }
    }

    @Test func guardedOperationsUseBearerJWT() throws {
        let json = try document("workspace").json
        let schemes = try #require(json["components"]?["securitySchemes"])
        #expect(schemes["bearerAuth"] == ["type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                          "description": "an access token of POST /auth/v3/oauth/token"])
        #expect(schemes["WORKSPACE_SESSIONID"]?["in"] == "cookie")
        let ready = try #require(json["paths"]?["/voice/ready"]?["post"])
        #expect(ready["security"] == [["bearerAuth": [], "WORKSPACE_SESSIONID": []]])
        let token = try #require(try document("auth").json["paths"]?["/oauth/token"]?["post"])
        #expect(token["requestBody"]?["content"]?["application/x-www-form-urlencoded"] != nil)
        #expect(token["security"] == [["clientBasic": []], [:]])
    }

    /// Every `$ref` target name in `value`.
    func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            let own = members["$ref"]?.stringValue.map { [String($0.dropFirst("#/components/schemas/".count))] } ?? []
            return own + members.values.flatMap(references(in:))
        case .array(let items): return items.flatMap(references(in:))
        default: return []
        }
    }

    // MARK: - The public GWS inventory

    /// Role → inventory service, and the documented paths that are ours alone
    /// (checked so that a misspelt GWS path cannot pass as an extension).
    static let overlaps: [(role: String, service: String, extensions: Set<String>)] = [
        ("workspace", "workspace", ["GET /version", "GET /openapi.json"]),
        ("provisioning", "provisioning", [
            "GET /version", "GET /openapi.json", "GET /objects/skills", "POST /objects/skills",
            "GET /objects/agent-groups", "POST /objects/agent-groups",
        ]),
        ("auth", "authentication", ["GET /version", "GET /openapi.json", "POST /clients"]),
        ("statistics", "statistics", ["GET /version", "GET /openapi.json"]),
    ]

    @Test(arguments: overlaps.map(\.role))
    func pathsMatchTheGWSInventory(role: String) throws {
        let entry = try #require(Self.overlaps.first { $0.role == role })
        let inventory = try GWSInventory.operations(of: entry.service)
        let inventoryPaths = Set(inventory.map(\.path))
        for operation in try document(role).normalizedOperations.sorted() {
            if inventoryPaths.contains(operation.path) {
                #expect(inventory.contains(operation), "\(operation): GWS has this path, but not with this method")
            } else {
                #expect(entry.extensions.contains(operation.description), "\(operation) is not a GWS path (misspelt?)")
            }
        }
    }

    /// The operations issue 4 asks for are documented, spelt as GWS spells them.
    @Test func requiredGWSOperationsAreDocumented() throws {
        let workspace = try document("workspace").normalizedOperations
        let inventory = try GWSInventory.operations(of: "workspace")
        for path in [
            "/initialize-workspace", "/activate-channels", "/voice/ready", "/voice/not-ready", "/voice/dnd-on", "/voice/dnd-off",
            "/voice/logout", "/voice/make-call", "/voice/calls/{}/answer", "/voice/calls/{}/hold", "/voice/calls/{}/retrieve",
            "/voice/calls/{}/release", "/voice/calls/{}/complete", "/voice/calls/{}/attach-user-data",
            "/voice/calls/{}/update-user-data", "/logout", "/notifications/handshake",
        ] {
            let operation = NormalizedOperation(method: "POST", path: path)
            #expect(workspace.contains(operation) && inventory.contains(operation), "\(operation)")
        }
        for operation in [NormalizedOperation(method: "GET", path: "/current-session"), .init(method: "GET", path: "/voice/calls")] {
            #expect(workspace.contains(operation) && inventory.contains(operation), "\(operation)")
        }
        let provisioning = try document("provisioning").normalizedOperations
        for operation in ["POST /initialize-provisioning", "GET /objects/users", "POST /objects/users", "GET /objects/users/{}",
                          "PUT /objects/users/{}", "DELETE /objects/users/{}"] {
            let parts = operation.split(separator: " ").map(String.init)
            #expect(provisioning.contains(NormalizedOperation(method: parts[0], path: parts[1])), "\(operation)")
        }
        let statistics = try document("statistics").normalizedOperations
        let statisticsInventory = try GWSInventory.operations(of: "statistics")
        for operation in ["POST /subscriptions", "GET /subscriptions/{}/statistic-values", "DELETE /subscriptions/{}",
                          "GET /statistic-values/{}"] {
            let parts = operation.split(separator: " ").map(String.init)
            let wanted = NormalizedOperation(method: parts[0], path: parts[1])
            #expect(statistics.contains(wanted) && statisticsInventory.contains(wanted), "\(operation)")
        }
        let auth = try document("auth").normalizedOperations
        for operation in [NormalizedOperation(method: "POST", path: "/oauth/token"), .init(method: "GET", path: "/userinfo"),
                          .init(method: "GET", path: "/ping")] {
            #expect(auth.contains(operation), "\(operation)")
        }
    }

    @Test func normalizationIgnoresTemplateNames() {
        #expect(NormalizedOperation(method: "post", path: "/voice/calls/{id}/answer")
            == NormalizedOperation(method: "POST", path: "/voice/calls/{callId}/answer"))
        #expect(NormalizedOperation(method: "GET", path: "/a/{x}") != NormalizedOperation(method: "GET", path: "/a/b"))
    }
}
