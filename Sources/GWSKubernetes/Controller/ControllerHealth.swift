import Synchronization

/// What `/readyz` and the leader metric report: whether this replica leads
/// and, if so, whether its controller has listed the GWSDeployments yet.
/// A standby replica is ready (it serves health and waits for the Lease).
public final class ControllerHealth: Sendable {
    private struct State {
        var leading = false
        var synced = false
    }
    private let state = Mutex(State())

    public init() {}

    public var isLeading: Bool { state.withLock { $0.leading } }
    public var isSynced: Bool { state.withLock { $0.synced } }
    public var isReady: Bool { state.withLock { !$0.leading || $0.synced } }

    public func setLeading(_ leading: Bool) { state.withLock { $0.leading = leading } }
    func markSynced() { state.withLock { $0.synced = true } }
    func markStopped() { state.withLock { $0.synced = false } }
}
