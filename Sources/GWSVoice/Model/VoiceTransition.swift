/// What a command did: the agent's new record and the events it caused, in order.
public struct VoiceTransition: Sendable, Hashable {
    /// The record after the command (same `version` and `eventSequence`: the store and controller raise them).
    public var record: VoiceRecord
    /// The notifications to send, in order (at least one).
    public var events: [VoiceEvent]

    public init(record: VoiceRecord, events: [VoiceEvent]) {
        self.record = record
        self.events = events
    }
}
