import Foundation
import Hummingbird

/// `/v1/session/…`: create, renew, destroy and read sessions, as Consul answers them.
extension ConsulAPI {
    static func addSessionRoutes<Context: RequestContext>(to v1: RouterGroup<Context>, registry: ConsulRegistry) {
        v1.put("session/create") { request, context in
            await handle {
                var request = request
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                var create = ConsulSessionRequest()
                if body.readableBytes > 0 {
                    create = try JSONDecoder().decode(ConsulSessionRequest.self, from: Data(body.readableBytesView))
                }
                let session = try await registry.createSession(create)
                return try json(SessionCreated(id: session.id))
            }
        }
        v1.put("session/destroy/:id") { _, context in
            await handle {
                await registry.destroySession(try sessionID(context))
                return try json(true)
            }
        }
        v1.put("session/renew/:id") { _, context in
            await handle {
                let id = try sessionID(context)
                guard let session = await registry.renewSession(id) else {
                    return text("Session id '\(id)' not found", status: .notFound)
                }
                return try json([session])
            }
        }
        v1.get("session/info/:id") { request, context in
            await handle {
                let id = try sessionID(context)
                let (sessions, index) = try await blockingRead(request, registry: registry, watch: .sessions) {
                    $0.session(id).map { [$0] } ?? []
                }
                return try json(sessions, index: index)
            }
        }
        v1.get("session/list") { request, _ in
            await handle {
                let (sessions, index) = try await blockingRead(request, registry: registry, watch: .sessions) {
                    $0.sessionList()
                }
                return try json(sessions, index: index)
            }
        }
        v1.get("session/node/:node") { request, context in
            await handle {
                let node = try parameter("node", context)
                let (sessions, index) = try await blockingRead(request, registry: registry, watch: .sessions) {
                    $0.sessionList(node: node)
                }
                return try json(sessions, index: index)
            }
        }
    }

    /// The `:id` of a session route; Consul answers 400 `Missing session` when it is empty.
    private static func sessionID<Context: RequestContext>(_ context: Context) throws -> String {
        let id = try parameter("id", context)
        guard !id.isEmpty else { throw ConsulRegistryError.badRequest("Missing session") }
        return id
    }
}

/// The answer of `PUT /v1/session/create`.
struct SessionCreated: Codable, Sendable {
    var id: String

    enum CodingKeys: String, CodingKey {
        case id = "ID"
    }
}
