import Foundation
import GWSConfigData
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The token endpoint's input parsing and its answers that need no store.
@Suite struct AuthFormTests {
    @Test func parsesFormEncoding() throws {
        let fields = try AuthForm.parse("grant_type=password&username=acme%5Cagent+one&password=p%26w%3D&scope=")
        #expect(fields == ["grant_type": "password", "username": "acme\\agent one", "password": "p&w=", "scope": ""])
    }

    @Test func refusesRepeatedAndBadlyEncodedFields() {
        #expect(throws: AuthOAuthError.self) { try AuthForm.parse("a=1&a=2") }
        #expect(throws: AuthOAuthError.self) { try AuthForm.parse("a=%ZZ") }
    }

    @Test func splitsTenantAndUser() {
        #expect(AuthTokenIssuer.split("acme\\agent1", defaultTenant: "x") == ("acme", "agent1"))
        #expect(AuthTokenIssuer.split("agent1", defaultTenant: "acme") == ("acme", "agent1"))
    }

    @Test func checksScopes() throws {
        let client = AuthClient(clientId: "c", tenant: "acme", name: "c", scopes: ["read", "write"])
        #expect(try AuthTokenIssuer.scope([:], client: client) == "read write")
        #expect(try AuthTokenIssuer.scope(["scope": "read"], client: client) == "read")
        #expect(throws: AuthOAuthError.invalidScope("the scope is not allowed for the client")) {
            try AuthTokenIssuer.scope(["scope": "admin"], client: client)
        }
        let any = AuthClient(clientId: "c", tenant: "acme", name: "c", scopes: ["*"])
        #expect(try AuthTokenIssuer.scope(["scope": "admin"], client: any) == "admin")
    }

    @Test func tokenEndpointErrorsAreOAuthJSON() async throws {
        let app = AuthService.buildApplication(
            makeScaffold("auth", stores: .none), locator: NoConsulPeerLocator(), key: .random(),
            hasher: PasswordHasher(rounds: 1000))
        try await app.test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let noClient = try await client.execute(
                uri: "/auth/v3/oauth/token", method: .post, headers: form, body: ByteBuffer(string: "grant_type=client_credentials"))
            #expect(noClient.status == .unauthorized)
            #expect(noClient.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            #expect(String(buffer: noClient.body).contains(#""error":"invalid_client""#))
            #expect(noClient.headers[.cacheControl] == "no-store")

            let json = try await client.execute(
                uri: "/auth/v3/oauth/token", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            #expect(json.status == .badRequest)
            #expect(String(buffer: json.body).contains(#""error":"invalid_request""#))

            var basic = form
            basic[.authorization] = "Basic " + Data("desktop:secret".utf8).base64EncodedString()
            let noStore = try await client.execute(
                uri: "/auth/v3/oauth/token", method: .post, headers: basic, body: ByteBuffer(string: "grant_type=password"))
            #expect(noStore.status == .serviceUnavailable)
            #expect(String(buffer: noStore.body).contains(#""error":"temporarily_unavailable""#))

            #expect(try await client.execute(uri: "/auth/v3/ping", method: .get).status == .ok)
        }
    }
}
