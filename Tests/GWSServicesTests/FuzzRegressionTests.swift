import Foundation
import GWSServiceKit
import GWSStores
import GWSTestKit
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Inputs schemathesis found answering 5xx (hack/pytests/test_openapi_fuzz.py),
/// now refused with 400 and a message naming the field.
@Suite struct FuzzRegressionTests {
    /// `POST /auth/v3/clients` with a NUL in a scope reached PostgreSQL, which
    /// refuses NUL in text: 500. The input is now checked first (so this app,
    /// without PostgreSQL, answers 400 rather than 503).
    @Test(arguments: [
        (#"{"data":{"name":"desk","scopes":["\u0000"]}}"#, "data.scopes[0]"),
        (#"{"data":{"name":"desk","scopes":["a b"]}}"#, "data.scopes[0]"),
        (#"{"data":{"name":"de\u0000sk"}}"#, "data.name"),
        (#"{"data":{"name":" "}}"#, "data.name"),
        (#"{"data":{"name":"desk","clientId":"x\u0007"}}"#, "data.clientId"),
    ])
    func clientRegistrationChecksItsInput(body: String, field: String) async throws {
        let scaffold = makeScaffold("auth", stores: .none)
        let app = AuthService.buildApplication(scaffold, locator: NoConsulPeerLocator(), key: TestTokens.key)
        try await app.test(.router) { client in
            let response = try await client.gws(.post, "/auth/v3/clients", body: body)
            #expect(response.status == .badRequest)
            #expect(response.message.contains(field), "\(response.message)")
            let valid = try await client.gws(.post, "/auth/v3/clients", body: #"{"data":{"name":"desk","scopes":["*"]}}"#)
            #expect(valid.status == .serviceUnavailable, "valid input goes on to the (missing) store")
        }
    }

    /// `PUT /setting/v3/agents/{agentId}/favorites/{itemId}` with `\u0000`
    /// nested in `data` reached PostgreSQL's `jsonb`, which refuses it: 500.
    /// NUL in a path parameter (stored as text) went the same way; the store's
    /// data exceptions now answer 400 wherever they come from.
    @Test func nulCharactersAreRefusedWith400() async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await withStores(["GWS_POSTGRES_URL": server.url(database: database)]) { stores in
                let app = SettingService.buildApplication(makeScaffold("setting", stores: stores))
                try await app.test(.router) { client in
                    #expect(try await client.waitUntilReady(), "migrations applied")
                    let nested = try await client.gws(
                        .put, "/setting/v3/agents/a1/favorites/f1", body: #"{"data":{"kind":"x","m":[{"k":"a\u0000b"}]}}"#)
                    #expect(nested.status == .badRequest)
                    #expect(nested.message.contains("data.m[0].k"), "\(nested.message)")
                    let key = try await client.gws(.post, "/setting/v3/agents/a1/recents", body: #"{"data":{"kind":"x","\u0000":1}}"#)
                    #expect(key.status == .badRequest)
                    let path = try await client.gws(.put, "/setting/v3/agents/a%00b/favorites/f1", body: #"{"data":{"kind":"x"}}"#)
                    #expect(path.status.code < 500, "\(path.status) \(path.message)")
                    let fine = try await client.gws(.put, "/setting/v3/agents/a1/favorites/f1", body: #"{"data":{"kind":"x"}}"#)
                    #expect(fine.status == .ok)
                }
            }
        }
    }

    /// The safety net behind the fixes above: a PostgreSQL data exception
    /// (SQLSTATE class 22) is a 400 without the server's text; other store
    /// failures keep their answers (503 unreachable, 500 otherwise).
    @Test func storeDataExceptionsAnswer400WithoutDetails() async throws {
        let scaffold = makeScaffold("setting", stores: .none)
        let router = scaffold.makeRouter()
        router.get("/fail/:state") { _, context -> String in
            let state = context.parameters.get("state") ?? ""
            throw PostgresStoreError(
                code: .queryFailed(sqlState: state), endpoint: "db:5432",
                message: "query on PostgreSQL at db:5432 failed: invalid byte sequence 0x00 in SELECT secret (SQLSTATE \(state))")
        }
        try await scaffold.makeApplication(router: router).test(.router) { client in
            for (state, status) in [("22021", HTTPResponse.Status.badRequest), ("22P05", .badRequest), ("22003", .badRequest),
                                    ("23505", .internalServerError), ("42P01", .internalServerError)] {
                let response = try await client.gws(.get, "/fail/\(state)", tenant: nil)
                #expect(response.status == status, "SQLSTATE \(state)")
                #expect(!response.message.contains("SELECT") && !response.message.contains("db:5432"), "\(response.message)")
            }
        }
    }
}
