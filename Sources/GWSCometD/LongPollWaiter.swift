/// Why a held `/meta/connect` was released.
enum WakeReason: Sendable, Equatable {
    /// Messages were queued for the client.
    case messages
    /// The long-poll timeout passed.
    case timeout
    /// A newer connect of the same client took its place.
    case replaced
    /// The client disconnected or was removed.
    case disconnected
    /// The server is stopping.
    case shutdown
    /// The request's task was cancelled.
    case cancelled

    /// Whether the released connect carries the client's queued messages. A
    /// replaced connect does not: its HTTP connection is likely dead, and the
    /// newer connect delivers them.
    var drainsQueue: Bool {
        switch self {
        case .messages, .timeout, .shutdown: true
        case .replaced, .disconnected, .cancelled: false
        }
    }
}

/// A held `/meta/connect` of one client. The request registers the waiter
/// under the lock, then attaches its continuation; a wake-up that comes in
/// between is kept in ``pending`` and answered at attach.
struct LongPollWaiter {
    /// Tells this connect apart from the client's earlier and later ones.
    let token: UInt64
    /// The suspended request, once attached.
    var continuation: CheckedContinuation<WakeReason, Never>?
    /// Fires the timeout; cancelled when the connect is released earlier.
    var timer: Task<Void, Never>?
    /// A wake-up that arrived before the continuation was attached.
    var pending: WakeReason?

    /// A continuation to resume outside the lock, with its timer cancelled.
    struct Release {
        let continuation: CheckedContinuation<WakeReason, Never>
        let reason: WakeReason

        func resume() { continuation.resume(returning: reason) }
    }
}
