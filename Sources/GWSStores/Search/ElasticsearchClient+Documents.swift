import Foundation

extension ElasticsearchClient {
    /// Stores `document` under `id`, replacing any earlier version (an upsert).
    /// The index is created with dynamic mappings when missing, as Elasticsearch does.
    public func index(
        _ index: String, id: String, document: some Encodable, refresh: RefreshPolicy = .none
    ) async throws {
        let path = Self.pathSegment(index) + "/_doc" + Self.pathSegment(id)
        _ = try await call(.PUT, path, query: refresh.queryItems, body: try encode(document, what: "document \(id)"))
    }

    /// Stores `document` under `id` with the external `version`
    /// (`version_type=external_gte`), unless the stored document has a higher
    /// version: an older write never replaces a newer one, and writing the
    /// same version again is harmless.
    /// - Returns: `true` when written, `false` when a higher version is stored.
    @discardableResult
    public func index(
        _ index: String, id: String, document: some Encodable, version: Int, refresh: RefreshPolicy = .none
    ) async throws -> Bool {
        let path = Self.pathSegment(index) + "/_doc" + Self.pathSegment(id)
        let query = refresh.queryItems + [("version", String(max(0, version))), ("version_type", "external_gte")]
        let response = try await send(.PUT, path, query: query, body: try encode(document, what: "document \(id)"))
        if (200..<300).contains(response.status) { return true }
        if response.status == 409, ElasticsearchErrorDetail(body: response.body).type == "version_conflict_engine_exception" {
            return false
        }
        throw statusError(response, method: .PUT, path: path)
    }

    /// The document stored under `id`, or `nil` when there is none.
    /// A missing index is an error (`index_not_found_exception`), not `nil`.
    public func get<T: Decodable>(index: String, id: String, as type: T.Type = T.self) async throws -> T? {
        let path = Self.pathSegment(index) + "/_doc" + Self.pathSegment(id)
        let response = try await send(.GET, path)
        if response.status == 404, ElasticsearchErrorDetail(body: response.body).type == nil {
            return nil  // {"found": false}: the index is there, the document is not
        }
        guard (200..<300).contains(response.status) else { throw statusError(response, method: .GET, path: path) }
        let found = try decode(GetResponseBody<T>.self, from: response.body, method: .GET, path: path)
        return found.found ? found.source : nil
    }

    /// Deletes the document stored under `id`.
    /// - Returns: `true` when it was there, `false` when it was not.
    @discardableResult
    public func delete(index: String, id: String, refresh: RefreshPolicy = .none) async throws -> Bool {
        let path = Self.pathSegment(index) + "/_doc" + Self.pathSegment(id)
        let response = try await send(.DELETE, path, query: refresh.queryItems)
        if (200..<300).contains(response.status) { return true }
        if response.status == 404, ElasticsearchErrorDetail(body: response.body).type == nil { return false }
        throw statusError(response, method: .DELETE, path: path)
    }
}

/// The answer to `GET /<index>/_doc/<id>`.
struct GetResponseBody<T: Decodable>: Decodable {
    let found: Bool
    let source: T?

    enum CodingKeys: String, CodingKey {
        case found
        case source = "_source"
    }
}
