import Foundation
import GWSStores

/// A notification for one agent on the event bus: published as JSON with
/// Redis `PUBLISH` on ``busChannel(tenant:)`` and, in the same atomic step,
/// appended to the stream ``streamKey`` (``AgentNotificationBus``).
///
/// Workspace instances deliver ``data`` on ``channel`` to the agent's CometD
/// clients (pub/sub); the Data Collector's elected indexer consumes the same
/// messages from the stream for statistics
/// (agent state from `DnStateChanged`, calls and talk time from
/// `CallStateChanged`, keyed by ``employeeId``).
///
/// `{tenant, userName, employeeId?, channel: "/workspace/v3/voice", data, at, sequence?}`
public struct AgentNotification: Sendable, Hashable, Codable {
    /// The CometD channel of voice notifications.
    public static let voiceChannel = "/workspace/v3/voice"
    /// The Redis pattern matching every tenant's bus channel (for `PSUBSCRIBE`).
    public static let busPattern = "gws:events:*"

    /// The Redis channel carrying `tenant`'s notifications: `gws:events:<tenant>`.
    public static func busChannel(tenant: String) -> String {
        "gws:events:\(tenant)"
    }

    /// The Redis stream every tenant's notifications are also appended to, one
    /// entry per notification (field ``streamField``): the durable bus of the
    /// Data Collector's indexer, which reads it from a checkpoint.
    public static let streamKey = "gws:stream:events"
    /// The field of a stream entry holding the notification's JSON.
    public static let streamField = "n"
    /// About how many entries the stream keeps (`XADD … MAXLEN ~`).
    public static let streamMaximumLength = 100_000

    /// The tenant (contact center).
    public var tenant: String
    /// The agent's user name: who receives it.
    public var userName: String
    /// The agent's employee id (the Statistics objectId), when known.
    public var employeeId: String?
    /// The CometD channel the client receives it on.
    public var channel: String
    /// The GWS message (e.g. `DnStateChanged`).
    public var data: JSONValue
    /// When it happened.
    public var at: Date
    /// The agent's notification number (1, 2, 3… with no gaps, in the order
    /// of the record's changes); nil for notifications outside that order
    /// (service state, errors).
    public var sequence: Int?

    public init(
        tenant: String, userName: String, employeeId: String? = nil, channel: String = Self.voiceChannel,
        data: JSONValue, at: Date, sequence: Int? = nil
    ) {
        self.tenant = tenant
        self.userName = userName
        self.employeeId = employeeId
        self.channel = channel
        self.data = data
        self.at = at
        self.sequence = sequence
    }

    /// A voice event for an agent.
    public init(
        tenant: String, userName: String, employeeId: String?, event: VoiceEvent, at: Date, sequence: Int?
    ) {
        self.init(
            tenant: tenant, userName: userName, employeeId: employeeId, channel: Self.voiceChannel,
            data: event.json, at: at, sequence: sequence)
    }

    /// The message as published (JSON text, sorted keys).
    public func jsonString() throws -> String {
        try VoiceCoding.string(of: self)
    }

    /// Reads a published message.
    public init(jsonString: String) throws {
        self = try VoiceCoding.decode(AgentNotification.self, from: jsonString)
    }

    /// ``data`` as a voice event, when it is one.
    public var voiceEvent: VoiceEvent? {
        try? VoiceEvent(json: data)
    }
}
