import GWSStores

/// A notification on the `/workspace/v3/voice` CometD channel.
///
/// Encodes (and decodes, dispatching on `messageType`) as the GWS message itself.
public enum VoiceEvent: Sendable, Hashable {
    /// The agent's DN changed.
    case dnStateChanged(DnStateChanged)
    /// A call appeared, changed, or is sent again for recovery.
    case callStateChanged(CallStateChanged)
    /// An asynchronous failure.
    case eventError(EventError)
    /// The voice back end became available or unavailable.
    case serviceStateChanged(ServiceStateChanged)

    /// The GWS `messageType`.
    public var messageType: String {
        switch self {
        case .dnStateChanged(let event): return event.messageType
        case .callStateChanged(let event): return event.messageType
        case .eventError(let event): return event.messageType
        case .serviceStateChanged(let event): return event.messageType
        }
    }

    /// The message as JSON (what CometD clients receive as `data`).
    public var json: JSONValue {
        // Encoding these types cannot fail (no non-finite numbers, string keys only).
        (try? VoiceCoding.jsonValue(of: self)) ?? .null
    }

    /// Reads a message from JSON (`AgentNotification.data`).
    public init(json: JSONValue) throws {
        self = try VoiceCoding.decode(VoiceEvent.self, from: json)
    }
}

extension VoiceEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case messageType
    }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .messageType)
        switch type {
        case "DnStateChanged": self = .dnStateChanged(try DnStateChanged(from: decoder))
        case "CallStateChanged": self = .callStateChanged(try CallStateChanged(from: decoder))
        case "EventError": self = .eventError(try EventError(from: decoder))
        case "ServiceStateChanged": self = .serviceStateChanged(try ServiceStateChanged(from: decoder))
        default:
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [CodingKeys.messageType], debugDescription: "unknown messageType \(type)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .dnStateChanged(let event): try event.encode(to: encoder)
        case .callStateChanged(let event): try event.encode(to: encoder)
        case .eventError(let event): try event.encode(to: encoder)
        case .serviceStateChanged(let event): try event.encode(to: encoder)
        }
    }
}
