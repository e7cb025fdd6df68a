import AsyncHTTPClient
import ServiceLifecycle

/// Owns an `HTTPClient` and shuts it down when the service group stops.
/// Put it first in the group so it stops last, after the servers using it.
public struct HTTPClientService: Service {
    public let client: HTTPClient

    public init(client: HTTPClient) {
        self.client = client
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
