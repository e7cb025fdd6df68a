import GWSStores

/// Builders of the replies the server sends on meta channels.
enum BayeuxReply {
    /// The `reconnect` advice values.
    enum Reconnect: String {
        case retry, handshake, none
    }

    /// `402::Unknown client`: the clientId is unknown or expired (the instance
    /// behind the session may be gone); the client must handshake again.
    static let unknownClient = "402::Unknown client"
    /// A handshake the authenticate hook refused.
    static let handshakeDenied = "403::Handshake denied"
    /// A subscription the authorisation hook refused (or a meta channel).
    static let forbidden = "403::Forbidden"
    /// A publish no hook accepted.
    static let publishDenied = "403::Publish denied"
    /// A malformed channel name in a subscription.
    static let invalidChannel = "400::Invalid channel"
    /// A `/meta/…` channel the server does not know.
    static let unknownMetaChannel = "400::Unknown meta channel"
    /// A connection type other than long-polling.
    static let unsupportedConnectionType = "301::Unsupported connection type"
    /// A handshake or connect while the server stops.
    static let stopping = "503::Server stopping"

    /// A reply on `message`'s channel: `successful`, the echoed `id`, and the given fields.
    static func reply(
        to message: BayeuxMessage, successful: Bool, _ extra: [String: JSONValue] = [:]
    ) -> [String: JSONValue] {
        var fields = extra
        fields["channel"] = .string(message.channel)
        fields["successful"] = .bool(successful)
        if let id = message.id { fields["id"] = id }
        return fields
    }

    /// A failed reply with `error` and optional advice.
    static func failure(
        to message: BayeuxMessage, error: String, advice: JSONValue? = nil, _ extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var fields = reply(to: message, successful: false, extra)
        fields["error"] = .string(error)
        if let advice { fields["advice"] = advice }
        if fields["clientId"] == nil, let clientID = message.clientID { fields["clientId"] = .string(clientID) }
        return .object(fields)
    }

    /// The advice object: `{reconnect, interval[, timeout]}` in milliseconds.
    static func advice(_ reconnect: Reconnect, interval: Duration = .zero, timeout: Duration? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "reconnect": .string(reconnect.rawValue),
            "interval": .int(interval.bayeuxMilliseconds),
        ]
        if let timeout { fields["timeout"] = .int(timeout.bayeuxMilliseconds) }
        return .object(fields)
    }

    /// The reply to a message whose clientId the server does not know.
    static func unknownClient(_ message: BayeuxMessage) -> JSONValue {
        failure(to: message, error: unknownClient, advice: advice(.handshake))
    }
}
