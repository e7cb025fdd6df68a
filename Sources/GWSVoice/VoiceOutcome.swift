/// What ``VoiceController`` did for a command.
public struct VoiceOutcome: Sendable, Hashable {
    /// The agent's record as stored (with its new version).
    public var record: VoiceRecord
    /// The events the command caused, in order.
    public var events: [VoiceEvent]
    /// The same events as published on the bus.
    public var notifications: [AgentNotification]

    public init(record: VoiceRecord, events: [VoiceEvent], notifications: [AgentNotification]) {
        self.record = record
        self.events = events
        self.notifications = notifications
    }
}
