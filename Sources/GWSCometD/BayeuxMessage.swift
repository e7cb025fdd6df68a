import GWSStores

/// One Bayeux message as a client sent it: a JSON object with at least a
/// `channel`. The accessors read the fields the server acts on; ``fields``
/// keeps everything (`ext`, `advice`, …).
public struct BayeuxMessage: Sendable, Equatable {
    /// Every field of the message.
    public var fields: [String: JSONValue]
    /// The channel (`/meta/handshake`, `/workspace/v3/voice`, …).
    public var channel: String

    /// A message from its fields; nil when `channel` is missing or not a string.
    public init?(fields: [String: JSONValue]) {
        guard let channel = fields["channel"]?.stringValue else { return nil }
        self.fields = fields
        self.channel = channel
    }

    /// The message `id` (a string in CometD JS, sometimes a number), echoed in replies.
    public var id: JSONValue? { fields["id"].flatMap { $0.isNull ? nil : $0 } }
    /// The `clientId` the handshake gave, on every later message.
    public var clientID: String? { fields["clientId"]?.stringValue }
    /// The `data` of a published message.
    public var data: JSONValue? { fields["data"] }
    /// The `ext` object (authentication extensions put tokens there).
    public var ext: JSONValue? { fields["ext"] }
    /// The `advice` object a client sent (a connect's `timeout`).
    public var advice: JSONValue? { fields["advice"] }

    /// Whether the channel is a `/meta/…` channel.
    public var isMeta: Bool { channel.hasPrefix("/meta/") }
}
