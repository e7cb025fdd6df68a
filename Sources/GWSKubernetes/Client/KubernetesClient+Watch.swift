import AsyncHTTPClient
import GWSSpec
import NIOCore

extension KubernetesClient {
    /// Watches `resource` from `resourceVersion` with bookmarks, calling
    /// `onEvent` for each event until the server ends the stream (after
    /// `timeoutSeconds`), `onEvent` returns false, or the task is cancelled.
    /// A refused watch (410 Gone when the version is too old) throws
    /// ``KubernetesAPIError``; a 410 inside the stream arrives as an ERROR event.
    public func watch(
        _ resource: APIResource, namespace: String?, labelSelector: String? = nil, resourceVersion: String,
        timeoutSeconds: Int, onEvent: (WatchEvent) async throws -> Bool
    ) async throws {
        var query: [(String, String)] = [
            ("watch", "true"), ("allowWatchBookmarks", "true"), ("timeoutSeconds", String(timeoutSeconds)),
        ]
        if !resourceVersion.isEmpty { query.append(("resourceVersion", resourceVersion)) }
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        let path = resource.collectionPath(namespace: namespace)
        let request = try makeRequest(.GET, path, query: query, body: nil, contentType: "application/json")
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(Int64(timeoutSeconds) + 30), logger: logger)
        } catch {
            observer?("WATCH", 0)
            throw error
        }
        observer?("WATCH", Int(response.status.code))
        guard response.status.code == 200 else {
            let bytes = try await response.body.collect(upTo: 1 << 20)
            throw KubernetesAPIError(
                httpStatus: Int(response.status.code), body: try? Value(json: String(buffer: bytes)), method: "WATCH",
                path: path)
        }
        var splitter = WatchLineSplitter()
        for try await chunk in response.body {
            for line in splitter.append(chunk.readableBytesView) {
                guard let event = WatchEvent(line: line) else { continue }
                if try await !onEvent(event) { return }
            }
        }
        if let line = splitter.finish(), let event = WatchEvent(line: line) { _ = try await onEvent(event) }
    }
}
