import Foundation

/// An agent's latest state on one channel (voice, ixn), cached in Redis under
/// `gws:<tenant>:<channel>:agent:<agentId>` so every instance sees it.
struct SessionAgentState: Codable, Sendable, Equatable {
    /// The agent states of GWS's `DnStateChanged`.
    enum State: String, Codable, Sendable, CaseIterable {
        case loggedOut = "LoggedOut"
        case loggedIn = "LoggedIn"
        case ready = "Ready"
        case notReady = "NotReady"
    }

    var agentId: String
    var state: State
    /// A not-ready reason code, when given.
    var reason: String?
    /// The agent work mode (`AfterCallWork`…), when given.
    var agentWorkMode: String?
    var updatedAt: Date
}
