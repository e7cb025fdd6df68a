import GWSTestKit
import Foundation
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The Setting API against a real PostgreSQL, in-process through the router.
@Suite("Setting service", .serialized)
struct SettingServiceTests {
    /// Runs `body` against a Setting app on a fresh database of `server`, once ready.
    func withSettingApp(
        _ server: PostgresTestServer, database: String, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withStores(["GWS_POSTGRES_URL": server.url(database: database)]) { stores in
            let app = SettingService.buildApplication(makeScaffold("setting", stores: stores))
            try await app.test(.router) { client in
                #expect(try await client.waitUntilReady(), "migrations applied")
                try await body(client)
            }
        }
    }

    @Test func favoritesCanBeCreatedListedReplacedAndDeleted() async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await withSettingApp(server, database: database) { client in
                let base = "/setting/v3/agents/agent-1/favorites"
                var put = try await client.gws(.put, "\(base)/fav-b", body: #"{"data":{"kind":"contact","label":"Bob","value":{"phone":"5551"}}}"#)
                #expect(put.status == .ok)
                #expect(put.code == 0)
                #expect(put.data?["favorite"]?["id"] == "fav-b")
                #expect(put.data?["favorite"]?["value"]?["phone"] == "5551")
                put = try await client.gws(.put, "\(base)/fav-a", body: #"{"operationId":"op1","data":{"kind":"queue","label":"Sales"}}"#)
                #expect(put.status == .ok)

                var list = try await client.gws(.get, base)
                #expect(list.code == 0)
                #expect(list.data?["favorites"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["fav-a", "fav-b"])

                // Replace one, delete the other.
                put = try await client.gws(.put, "\(base)/fav-b", body: #"{"data":{"kind":"contact","label":"Robert"}}"#)
                #expect(put.status == .ok)
                let deleted = try await client.gws(.delete, "\(base)/fav-a")
                #expect(deleted.status == .ok)
                #expect(deleted.code == 0)
                let again = try await client.gws(.delete, "\(base)/fav-a")
                #expect(again.status == .notFound)
                #expect(again.code == 404)

                list = try await client.gws(.get, base)
                let favorites = try #require(list.data?["favorites"]?.arrayValue)
                #expect(favorites.count == 1)
                #expect(favorites.first?["label"] == "Robert")
                #expect(favorites.first?["value"] == nil, "a PUT replaces the whole item")

                // Another tenant and another agent see nothing.
                #expect(try await client.gws(.get, base, tenant: "other").data?["favorites"] == [])
                #expect(try await client.gws(.get, "/setting/v3/agents/agent-2/favorites").data?["favorites"] == [])
            }
        }
    }

    @Test func recentsAreNewestFirstAndCappedAtFifty() async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await withSettingApp(server, database: database) { client in
                let base = "/setting/v3/agents/agent-1/recents"
                for n in 0..<55 {
                    let added = try await client.gws(.post, base, body: #"{"data":{"kind":"call","label":"r\#(n)"}}"#)
                    #expect(added.status == .ok)
                    #expect(added.data?["recent"]?["label"]?.stringValue == "r\(n)")
                }
                let all = try await client.gws(.get, base)
                let labels = try #require(all.data?["recents"]?.arrayValue).compactMap { $0["label"]?.stringValue }
                #expect(labels.count == 50)
                #expect(labels.first == "r54")
                #expect(labels.last == "r5")

                let three = try await client.gws(.get, "\(base)?limit=3")
                #expect(three.data?["recents"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["r54", "r53", "r52"])

                for bad in ["0", "51", "x"] {
                    let response = try await client.gws(.get, "\(base)?limit=\(bad)")
                    #expect(response.status == .badRequest)
                    #expect(response.code == 400)
                    #expect(response.message.contains("limit"))
                }
            }
        }
    }

    @Test func committedDataSurvivesARestart() async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await withSettingApp(server, database: database) { client in
                let put = try await client.gws(.put, "/setting/v3/agents/a1/favorites/f1", body: #"{"data":{"kind":"contact","label":"Ann"}}"#)
                #expect(put.status == .ok)
                let added = try await client.gws(.post, "/setting/v3/agents/a1/recents", body: #"{"data":{"kind":"call","label":"last call"}}"#)
                #expect(added.status == .ok)
            }
            // A new application with new store clients: the migrations are already applied.
            try await withSettingApp(server, database: database) { client in
                let favorites = try await client.gws(.get, "/setting/v3/agents/a1/favorites")
                #expect(favorites.data?["favorites"]?[0]?["label"] == "Ann")
                let recents = try await client.gws(.get, "/setting/v3/agents/a1/recents")
                #expect(recents.data?["recents"]?[0]?["label"] == "last call")
            }
        }
    }

    @Test func badInputAnswers400NamingTheField() async throws {
        try await PostgresTestServer.withServer { server in
            let database = try await server.makeDatabase()
            try await withSettingApp(server, database: database) { client in
                let uri = "/setting/v3/agents/a1/favorites/f1"
                let cases: [(body: String?, tenant: String?, mentions: String)] = [
                    (nil, "acme", "body"),
                    ("{not json", "acme", "JSON"),
                    (#"{"kind":"contact"}"#, "acme", "data"),
                    (#"{"data":{"label":"x"}}"#, "acme", "data.kind"),
                    (#"{"data":{"kind":7}}"#, "acme", "data.kind"),
                    (#"{"data":{"kind":"contact","label":3}}"#, "acme", "data.label"),
                ]
                for (body, tenant, mentions) in cases {
                    let response = try await client.gws(.put, uri, tenant: tenant, body: body)
                    #expect(response.status == .badRequest, "\(body ?? "no body")")
                    #expect(response.code == 400)
                    #expect(response.message.contains(mentions), "\(response.message)")
                }
                let anonymous = try await client.gws(.put, uri, tenant: nil, body: #"{"data":{"kind":"contact"}}"#)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.message.contains("bearer token"))
                let recent = try await client.gws(.post, "/setting/v3/agents/a1/recents", body: #"{"data":{}}"#)
                #expect(recent.status == .badRequest)
                #expect(recent.message.contains("data.kind"))
            }
        }
    }

    @Test func postgresDownAtStartupIsRetriedUntilMigrationsApply() async throws {
        try await PostgresTestServer.withServer(start: false) { server in
            try await withStores(["GWS_POSTGRES_URL": server.url(database: "postgres")]) { stores in
                let app = SettingService.buildApplication(makeScaffold("setting", stores: stores))
                try await app.test(.router) { client in
                    let readyz = try await client.execute(uri: "/readyz?verbose", method: .get)
                    #expect(readyz.status == .serviceUnavailable)
                    #expect(String(buffer: readyz.body).contains("migrations"))
                    let call = try await client.gws(.get, "/setting/v3/agents/a1/favorites")
                    #expect(call.status == .serviceUnavailable)
                    #expect(call.code == 503)

                    try await server.start()
                    #expect(try await client.waitUntilReady(attempts: 1200), "ready once PostgreSQL is up")
                    let favorites = try await client.gws(.get, "/setting/v3/agents/a1/favorites")
                    #expect(favorites.status == .ok)
                    #expect(favorites.data?["favorites"] == [])
                }
            }
        }
    }
}
