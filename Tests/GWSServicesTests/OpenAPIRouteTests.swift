import Foundation
import GWSAuth
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The documents against the apps: every route a role registers is
/// documented, every documented operation is answered, and every guarded one
/// refuses a missing, garbage or expired token with 401.
@Suite struct OpenAPIRouteTests {
    static let roles = RoleOpenAPIDocuments.roles

    func document(_ role: String) throws -> OpenAPIDocument {
        try #require(RoleOpenAPIDocuments.document(role: role))
    }

    @Test(arguments: roles)
    func everyRegisteredRouteIsDocumentedAndViceVersa(role: String) throws {
        let documented = try document(role).normalizedOperations
        let registered = try registeredOperations(role: role)
        #expect(registered.subtracting(documented).sorted() == [], "routes of \(role) missing from its document")
        #expect(documented.subtracting(registered).sorted() == [], "documented operations \(role) does not register")
    }

    @Test(arguments: roles)
    func everyDocumentedOperationIsAnswered(role: String) async throws {
        let document = try document(role)
        try await withRoleApp(role) { client in
            for operation in document.operations {
                let response = try await send(operation, basePath: document.basePath, client: client, authorization: .token)
                let unrouted = response.status == .notFound && response.message.hasPrefix("not found: ")
                #expect(!unrouted, "\(operation.method) \(operation.path) of \(role) is not routed")
                #expect(response.status != .internalServerError, "\(operation.method) \(operation.path): \(response.message)")
            }
        }
    }

    @Test(arguments: roles)
    func guardedOperationsRefuseMissingGarbageAndExpiredTokens(role: String) async throws {
        let document = try document(role)
        try await withRoleApp(role) { client in
            for operation in document.operations where operation.access != .open {
                for authorization in [Authorization.none, .garbage, .expired, .foreign] {
                    let response = try await send(operation, basePath: document.basePath, client: client, authorization: authorization)
                    #expect(response.status == .unauthorized, "\(operation.method) \(operation.path) with \(authorization)")
                }
            }
        }
    }

    enum Authorization: CustomStringConvertible {
        case none, garbage, expired, foreign, token

        var description: String { "\(self.header ?? "no token")".prefix(40).description }

        var header: String? {
            let now = Int(Date().timeIntervalSince1970)
            let claims = AccessTokenClaims(
                sub: "1", userName: "tester", tenant: "acme", authorities: ["ROLE_ADMIN", "ROLE_SERVICE", "ROLE_AGENT"],
                clientId: "tests", iat: now - 7200, exp: now - 3600)
            switch self {
            case .none: return nil
            case .garbage: return "Bearer not.a.jwt"
            case .expired: return "Bearer " + (try! TokenSigner(key: TestTokens.key).sign(claims))
            case .foreign: return "Bearer " + TestTokens.token(tenant: "acme").replacing(/\.[^.]*$/, with: ".AAAA")
            case .token:
                return "Bearer " + TestTokens.token(tenant: "acme", authorities: ["ROLE_ADMIN", "ROLE_SERVICE", "ROLE_AGENT"])
            }
        }
    }

    /// Sends `operation` with `{}` (or an empty form) as its body, if it has one.
    func send(
        _ operation: OpenAPIOperation, basePath: String, client: any TestClientProtocol, authorization: Authorization
    ) async throws -> GWSTestResponse {
        var headers = HTTPFields()
        if let header = authorization.header { headers[.authorization] = header }
        var body: String?
        if let content = operation.requestBody?["content"] {
            if content["application/x-www-form-urlencoded"] != nil {
                headers[.contentType] = "application/x-www-form-urlencoded"
                body = "grant_type=client_credentials"
            } else {
                headers[.contentType] = "application/json"
                body = "{}"
            }
        }
        let response = try await client.execute(
            uri: concretePath(operation, basePath: basePath), method: operation.method, headers: headers,
            body: body.map { ByteBuffer(string: $0) })
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))) ?? .null
        return GWSTestResponse(status: response.status, headers: response.headers, json: json)
    }
}
