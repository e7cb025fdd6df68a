/// The agent work mode of GWS (`dn.agentWorkMode`): how the switch treats the
/// agent in its current state.
public enum AgentWorkMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// No particular mode (the default).
    case unknown = "Unknown"
    /// Not ready for other work (a break).
    case auxWork = "AuxWork"
    /// Not ready while finishing the last call's work.
    case afterCallWork = "AfterCallWork"
    /// Ready; calls are delivered automatically.
    case autoIn = "AutoIn"
    /// Ready; after a call the agent goes not-ready by itself.
    case manualIn = "ManualIn"
}
