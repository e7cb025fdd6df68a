import NIOCore

/// A message delivered to a ``RedisSubscriber`` stream.
public struct RedisMessage: Sendable, Hashable {
    /// The channel it was published to.
    public var channel: String
    /// The pattern it matched, for pattern subscriptions (`PSUBSCRIBE`).
    public var pattern: String?
    /// The published bytes.
    public var payload: ByteBuffer

    public init(channel: String, pattern: String? = nil, payload: ByteBuffer) {
        self.channel = channel
        self.pattern = pattern
        self.payload = payload
    }

    /// The payload as UTF-8 text.
    public var string: String { String(buffer: payload) }
}
