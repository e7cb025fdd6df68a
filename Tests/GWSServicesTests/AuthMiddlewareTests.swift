import GWSAuth
import Foundation
import GWSConfigData
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The bearer middleware in-process: 401 envelopes without the token, claims for a good one.
@Suite struct AuthMiddlewareTests {
    let key = TokenKey.random()

    func token(key: TokenKey? = nil, expiresIn: Int = 600) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        return try TokenSigner(key: key ?? self.key).sign(AccessTokenClaims(
            sub: "7", userName: "agent7", tenant: "acme", authorities: ["ROLE_AGENT"], clientId: "desktop",
            iat: now, exp: now + expiresIn))
    }

    func withApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let scaffold = makeScaffold("auth", stores: .none)
        let router = scaffold.makeRouter()
        router.group("/guarded").add(middleware: AuthBearerMiddleware(verifier: TokenVerifier(key: key)))
            .get("me") { _, _ in
                let claims = try AuthenticatedRequest.requireClaims()
                return "\(claims.userName)@\(claims.tenant) \(claims.authorities.joined(separator: ","))"
            }
        router.get("/open") { _, _ in AuthenticatedRequest.claims == nil ? "anonymous" : "claims leaked" }
        try await scaffold.makeApplication(router: router).test(.router) { client in try await body(client) }
    }

    func bearer(_ value: String) -> HTTPFields { [.authorization: value] }

    @Test func missingHeaderAnswers401Envelope() async throws {
        try await withApp { client in
            let response = try await client.gws(.get, "/guarded/me", tenant: nil)
            #expect(response.status == .unauthorized)
            #expect(response.code == 401)
            #expect(response.message.contains("missing"))
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test(arguments: ["Basic YTpi", "Bearer", "Bearer not-a-token"])
    func unusableHeaderAnswers401(header: String) async throws {
        try await withApp { client in
            let response = try await client.gws(.get, "/guarded/me", headers: bearer(header))
            #expect(response.status == .unauthorized)
            #expect(response.code == 401)
        }
    }

    @Test func badTokensAnswer401WithoutEchoingThem() async throws {
        let foreign = try token(key: .random())
        let expired = try token(expiresIn: -3600)
        try await withApp { client in
            for (token, reason) in [(foreign, "signature"), (expired, "expired")] {
                let response = try await client.gws(.get, "/guarded/me", headers: bearer("Bearer \(token)"))
                #expect(response.status == .unauthorized)
                #expect(response.code == 401)
                #expect(response.message.contains(reason))
                #expect(!response.message.contains(token))
                #expect(!"\(response.json)".contains(token))
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
        }
    }

    @Test func goodTokenMakesClaimsAvailable() async throws {
        let good = try token()
        try await withApp { client in
            let response = try await client.execute(uri: "/guarded/me", method: .get, headers: bearer("Bearer \(good)"))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "agent7@acme ROLE_AGENT")
            let open = try await client.execute(uri: "/open", method: .get, headers: bearer("Bearer \(good)"))
            #expect(String(buffer: open.body) == "anonymous")
        }
    }
}
