import Foundation
import Hummingbird

/// `/v1/kv/<key>`: Consul's key/value store (`?recurse`, `?keys`, `?separator`, `?raw`, `?cas`, `?flags`,
/// and the locks `?acquire=<session>` and `?release=<session>`).
extension ConsulAPI {
    static func addKVRoutes<Context: RequestContext>(to v1: RouterGroup<Context>, registry: ConsulRegistry) {
        for path in ["kv", "kv/**"] {
            v1.get(RouterPath(path)) { request, _ in
                await handle { try await kvGet(request, registry: registry) }
            }
            v1.put(RouterPath(path)) { request, context in
                await handle { try await kvPut(request, context: context, registry: registry) }
            }
            v1.delete(RouterPath(path)) { request, _ in
                await handle { try await kvDelete(request, registry: registry) }
            }
        }
    }

    /// The key a KV request names: its path after `/v1/kv/`, percent-decoded, trailing slash kept.
    static func kvKey(_ request: Request) -> String {
        let path = request.uri.path
        let prefix = "/v1/kv"
        var key = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        if key.hasPrefix("/") { key.removeFirst() }
        return key.removingPercentEncoding ?? key
    }

    private static func kvGet(_ request: Request, registry: ConsulRegistry) async throws -> Response {
        let key = kvKey(request)
        let query = QueryParameters(request)
        if query.flag("keys") {
            let separator = query.string("separator")
            let (keys, index) = try await blockingRead(request, registry: registry, watch: .prefix(key)) {
                $0.kvKeys(prefix: key, separator: separator)
            }
            return keys.isEmpty ? notFound(index) : try json(keys, index: index)
        }
        if query.flag("recurse") {
            let (entries, index) = try await blockingRead(request, registry: registry, watch: .prefix(key)) {
                $0.kvEntries(prefix: key)
            }
            return entries.isEmpty ? notFound(index) : try json(entries, index: index)
        }
        let (entry, index) = try await blockingRead(request, registry: registry, watch: .key(key)) {
            $0.kvEntry(key)
        }
        guard let entry else { return notFound(index) }
        if query.flag("raw") {
            let value = entry.value.flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? []
            return bytes(value, contentType: "text/plain; charset=utf-8", index: index)
        }
        return try json([entry], index: index)
    }

    private static func notFound(_ index: UInt64) -> Response {
        bytes([], contentType: "application/json", index: index, status: .notFound)
    }

    private static func kvPut<Context: RequestContext>(
        _ request: Request, context: Context, registry: ConsulRegistry
    ) async throws -> Response {
        let key = kvKey(request)
        guard !key.isEmpty else { throw ConsulRegistryError.badRequest("Missing key name") }
        let query = QueryParameters(request)
        let cas = try query.unsigned("cas")
        let flags = try query.unsigned("flags") ?? 0
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let value = Array(body.readableBytesView)
        // As in Consul, `release` wins over `acquire`, which wins over `cas`.
        if let session = query.string("release") {
            return try json(try await registry.release(key: key, session: session, value: value, flags: flags))
        }
        if let session = query.string("acquire") {
            return try json(try await registry.acquire(key: key, session: session, value: value, flags: flags))
        }
        let written = await registry.mutate { $0.kvPut(key, value: value, flags: flags, cas: cas) }
        return try json(written)
    }

    private static func kvDelete(_ request: Request, registry: ConsulRegistry) async throws -> Response {
        let key = kvKey(request)
        let query = QueryParameters(request)
        let recurse = query.flag("recurse")
        guard recurse || !key.isEmpty else { throw ConsulRegistryError.badRequest("Missing key name") }
        let cas = try query.unsigned("cas")
        let deleted = await registry.mutate { $0.kvDelete(key, recurse: recurse, cas: cas) }
        return try json(deleted)
    }
}
