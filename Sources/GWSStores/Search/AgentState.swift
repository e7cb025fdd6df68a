/// An agent's availability, as the statistics services count it.
public enum AgentState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Logged in and able to take interactions.
    case ready = "Ready"
    /// Logged in but not taking interactions (see the document's `reason`).
    case notReady = "NotReady"
    /// Not logged in.
    case loggedOut = "LoggedOut"
}
