import Foundation
import Hummingbird

extension Router {
    /// Serves `document` at `GET <basePath>/openapi.json` (public: register it
    /// before any authentication middleware). It is encoded once, here.
    @discardableResult
    public func addOpenAPIRoute(_ document: OpenAPIDocument) -> Self {
        // Encoding a JSONValue tree cannot fail; an empty object is the safe fallback.
        let bytes = (try? document.encoded()) ?? Data("{}".utf8)
        let body = ByteBuffer(bytes: bytes)
        get(RouterPath(document.basePath + OpenAPIDocument.path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: body))
        }
        return self
    }
}
