import Foundation

/// When a call went through its states: what statistics need for talk and
/// hold times (`call.timestamps`).
public struct CallTimestamps: Sendable, Hashable, Codable {
    /// When the call appeared on the DN (Dialing or Ringing).
    public var createdAt: Date
    /// When it was first Established (answered), if ever.
    public var establishedAt: Date?
    /// When the current hold began, while Held.
    public var heldAt: Date?
    /// When it was Released.
    public var releasedAt: Date?
    /// When it was Completed.
    public var completedAt: Date?
    /// When `state` last changed.
    public var stateChangedAt: Date
    /// Seconds spent on hold so far (finished holds).
    public var heldSeconds: Double
    /// Seconds of conversation: Established until Released, less hold time;
    /// set on release of an answered call.
    public var talkSeconds: Double?

    public init(
        createdAt: Date, establishedAt: Date? = nil, heldAt: Date? = nil, releasedAt: Date? = nil,
        completedAt: Date? = nil, stateChangedAt: Date? = nil, heldSeconds: Double = 0, talkSeconds: Double? = nil
    ) {
        self.createdAt = createdAt
        self.establishedAt = establishedAt
        self.heldAt = heldAt
        self.releasedAt = releasedAt
        self.completedAt = completedAt
        self.stateChangedAt = stateChangedAt ?? createdAt
        self.heldSeconds = heldSeconds
        self.talkSeconds = talkSeconds
    }
}
