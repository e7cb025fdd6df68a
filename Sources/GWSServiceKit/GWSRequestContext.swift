import Foundation
import Hummingbird

/// The request context of every gws-service router: Hummingbird's core
/// context plus the peer address (for `X-Forwarded-For` and logs).
public struct GWSRequestContext: RequestContext {
    /// Largest request body a handler decodes (16 MiB).
    public static let maximumBodySize = 16 * 1024 * 1024

    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, when the connection has one.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { Self.maximumBodySize }

    /// JSON with sorted keys and unescaped slashes, so answers are stable and readable.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
