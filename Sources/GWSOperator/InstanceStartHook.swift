import GWSReconciler

/// What an ``InstanceStartHook`` says about starting an instance now.
enum StartGate: Sendable, Equatable {
    /// Start it (the hook has written whatever the process reads at start).
    case proceed
    /// Not yet: look again after `retryAfter` (`reason` goes to the log).
    case wait(retryAfter: Duration, reason: String)
}

/// Work the operator does right before it starts (or restarts) an instance:
/// a store whose role depends on the cluster's current state writes its
/// configuration for that role, or holds the start back. Called by
/// ``ClusterController`` from its reconcile, once per start attempt.
protocol InstanceStartHook: Sendable {
    func beforeStart(_ spec: InstanceSpec) async -> StartGate
}

/// Several hooks, asked in turn; the first that says wait wins.
struct InstanceStartHooks: InstanceStartHook {
    let hooks: [any InstanceStartHook]

    func beforeStart(_ spec: InstanceSpec) async -> StartGate {
        for hook in hooks {
            let gate = await hook.beforeStart(spec)
            if case .wait = gate { return gate }
        }
        return .proceed
    }
}
