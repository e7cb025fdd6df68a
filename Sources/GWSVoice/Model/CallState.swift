/// The state of a call on the agent's DN (`call.state`).
///
/// ```
/// make-call:        Dialing ──(far end answers)──► Established
/// inbound:          Ringing ──answer──► Established ◄──retrieve── Held
///                                        └──hold──────────────────►┘
/// release / far end drops: Dialing|Ringing|Established|Held ──► Released ──complete──► Completed (removed)
/// ```
public enum CallState: String, Sendable, Hashable, Codable, CaseIterable {
    /// An outbound call the far end has not answered yet.
    case dialing = "Dialing"
    /// An inbound call waiting for the agent to answer.
    case ringing = "Ringing"
    /// Connected: the parties talk.
    case established = "Established"
    /// Connected, on hold by the agent.
    case held = "Held"
    /// Hung up (by either side); waiting for the agent to complete it (after-call work).
    case released = "Released"
    /// Done; the call leaves the agent's list.
    case completed = "Completed"

    /// Whether the call still has a connection (Dialing, Ringing, Established, Held):
    /// such calls keep the agent from logging out.
    public var isActive: Bool {
        switch self {
        case .dialing, .ringing, .established, .held: return true
        case .released, .completed: return false
        }
    }
}
