/// Why a voice command was refused: a ``Code`` and a message for people that
/// names the agent, DN or call, its state and the operation.
///
/// A refused command changes nothing. HTTP status for each code
/// (``httpStatus``):
///
/// | code | HTTP | when |
/// |---|---|---|
/// | ``Code/invalidArgument`` | 400 | a missing or malformed argument (empty DN, destination, key; bad user data) |
/// | ``Code/notFound`` | 404 | unknown call id, a DN nobody is logged in on, a user-data key the call lacks |
/// | ``Code/invalidState`` | 409 | the operation is not allowed in the current state (not in `capabilities`, logged out, active calls at logout, DND) |
/// | ``Code/dnInUse`` | 409 | login on a DN another agent is logged in on |
/// | ``Code/contention`` | 503 | the agent's record kept changing under us (compare-and-set retries exhausted); retry |
/// | ``Code/corruptRecord`` | 500 | the stored record could not be read |
///
/// Errors of the Redis client itself (`RedisError`) are not wrapped: they
/// mean the store is unreachable (503).
public struct VoiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A missing or malformed argument (400).
        case invalidArgument
        /// No such call, DN login or user-data key (404).
        case notFound
        /// Not allowed in the current state (409).
        case invalidState
        /// The DN is taken by another agent (409).
        case dnInUse
        /// The record kept changing; retry (503).
        case contention
        /// The stored record cannot be read (500).
        case corruptRecord
    }

    /// What kind of refusal this is.
    public var code: Code
    /// A message for people, e.g. `call 0000000000000001 is Ringing: hold is not allowed (allowed: answer, release)`.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status a REST handler answers with (see the table above).
    public var httpStatus: Int {
        switch code {
        case .invalidArgument: return 400
        case .notFound: return 404
        case .invalidState, .dnInUse: return 409
        case .contention: return 503
        case .corruptRecord: return 500
        }
    }

    public var description: String { "VoiceError.\(code.rawValue): \(message)" }
}

extension VoiceError {
    /// The agent has no call with this id.
    static func callNotFound(_ callId: String, userName: String) -> VoiceError {
        VoiceError(.notFound, "agent \(userName) has no call \(callId)")
    }

    /// `operation` is not in the call's capabilities.
    static func notAllowed(_ operation: String, call: VoiceCall) -> VoiceError {
        VoiceError(
            .invalidState,
            "call \(call.id) is \(call.state.rawValue): \(operation) is not allowed (allowed: \(list(call.capabilities)))")
    }

    /// `operation` is not in the DN's capabilities.
    static func notAllowed(_ operation: String, dn: VoiceDn) -> VoiceError {
        let dnd = dn.dnd ? " with do-not-disturb on" : ""
        return VoiceError(
            .invalidState,
            "DN \(dn.number) is \(dn.agentState.rawValue)\(dnd): \(operation) is not allowed (allowed: \(list(dn.capabilities)))")
    }

    /// `operation` needs a logged-in agent.
    static func loggedOut(_ operation: String, userName: String) -> VoiceError {
        VoiceError(.invalidState, "agent \(userName) is LoggedOut: \(operation) needs a logged-in DN")
    }

    private static func list(_ capabilities: [VoiceCapability]) -> String {
        capabilities.isEmpty ? "none" : capabilities.map(\.rawValue).joined(separator: ", ")
    }
}
