/// Where a call comes from (`call.callType`).
public enum CallType: String, Sendable, Hashable, Codable, CaseIterable {
    /// From outside the contact center to the agent.
    case inbound = "Inbound"
    /// Made by the agent to the outside.
    case outbound = "Outbound"
    /// Between two internal DNs.
    case `internal` = "Internal"
    /// A consultation call made during another call.
    case consult = "Consult"
}
