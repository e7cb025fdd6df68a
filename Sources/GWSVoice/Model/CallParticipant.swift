/// A party on a call other than the agent (`call.participants[]`).
public struct CallParticipant: Sendable, Hashable, Codable {
    /// The party's number (the destination dialled, or the caller's ANI).
    public var number: String

    public init(number: String) {
        self.number = number
    }
}
