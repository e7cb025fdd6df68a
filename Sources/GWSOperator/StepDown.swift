import Synchronization

/// Whether the operator was asked to step down (`gwsctl step-down`): it then
/// exits without stopping its instances, releasing the state directory's
/// lock, so a standby operator (`gws-operator run --standby`) adopts them.
final class StepDown: Sendable {
    private let requestedFlag = Mutex(false)

    /// Marks the coming shutdown as a step-down.
    func request() { requestedFlag.withLock { $0 = true } }

    /// Whether a step-down was asked for.
    var requested: Bool { requestedFlag.withLock { $0 } }
}
