/// An agent's state on its DN, as GWS's `DnStateChanged` reports it
/// (`dn.agentState`).
public enum VoiceAgentState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not logged in on any DN.
    case loggedOut = "LoggedOut"
    /// Logged in, neither Ready nor NotReady yet.
    case loggedIn = "LoggedIn"
    /// Logged in and available for calls.
    case ready = "Ready"
    /// Logged in but not available (see the DN's `reasonCode`).
    case notReady = "NotReady"
}
