import Foundation

extension ElasticsearchClient {
    /// Creates an index with the given mappings (and settings). Idempotent:
    /// an index that already exists is left as it is.
    /// - Returns: `true` when created, `false` when it already existed.
    @discardableResult
    public func createIndex(_ name: String, mappings: JSONValue? = nil, settings: JSONValue? = nil) async throws -> Bool {
        var body: [String: JSONValue] = [:]
        if let mappings { body["mappings"] = mappings }
        if let settings { body["settings"] = settings }
        let path = Self.pathSegment(name)
        let response = try await send(.PUT, path, body: try encode(JSONValue.object(body), what: "index settings"))
        if (200..<300).contains(response.status) { return true }
        let error = statusError(response, method: .PUT, path: path)
        if let type = error.type, type.hasPrefix("resource_already_exists") { return false }
        throw error
    }

    /// Deletes an index and its documents.
    /// - Parameter ignoreMissing: when `true` (the default) a missing index is not an error.
    /// - Returns: `true` when deleted, `false` when there was no such index.
    @discardableResult
    public func deleteIndex(_ name: String, ignoreMissing: Bool = true) async throws -> Bool {
        let path = Self.pathSegment(name)
        let response = try await send(.DELETE, path)
        if (200..<300).contains(response.status) { return true }
        if response.status == 404, ignoreMissing { return false }
        throw statusError(response, method: .DELETE, path: path)
    }

    /// Whether the index exists.
    public func indexExists(_ name: String) async throws -> Bool {
        let path = Self.pathSegment(name)
        let response = try await send(.HEAD, path)
        switch response.status {
        case 200..<300: return true
        case 404: return false
        default: throw statusError(response, method: .HEAD, path: path)
        }
    }

    /// Makes every write to the index (all indices when `nil`) visible to searches.
    public func refresh(index: String? = nil) async throws {
        let path = (index.map(Self.pathSegment) ?? "") + "/_refresh"
        _ = try await call(.POST, path)
    }

    /// Checks that the server answers (for readiness probes).
    /// - Returns: the server's version number, such as `8.15.0`.
    @discardableResult
    public func ping() async throws -> String {
        let body = try await call(.GET, "/")
        let info = try decode(JSONValue.self, from: body, method: .GET, path: "/")
        return info["version"]?["number"]?.stringValue ?? "unknown"
    }
}
