/// The pure core: desired state + observed state + now → actions.
///
/// Level-based: it looks at the whole picture each time and is idempotent;
/// running it twice on the same snapshot gives the same answer, and a
/// converged snapshot gives no action and no requeue.
public enum Reconciler {
    public static func reconcile(
        desired: DesiredState, observed: [String: ObservedInstance], now: Duration
    ) -> ReconcileResult {
        var actions: [ReconcileAction] = []
        var requeue: Duration?

        // Stops first (what is no longer wanted), highest ordinal first.
        for id in observed.keys.sorted(by: >) where desired.instances[id] == nil {
            let o = observed[id]!
            switch o.phase {
            case .running: actions.append(.stop(id: id, reason: .removed))
            case .exited: actions.append(.stop(id: id, reason: .removed))  // forget the record
            case .stopping: break
            }
        }

        for spec in desired.ordered {
            guard let o = observed[spec.id] else {
                actions.append(.start(spec, reason: .created))
                continue
            }
            switch o.phase {
            case .stopping:
                continue
            case .exited(_, let restartAt):
                if restartAt <= now {
                    actions.append(.start(spec, reason: .crashed))
                } else {
                    let wait = restartAt - now
                    requeue = min(requeue ?? wait, wait)
                }
            case .running:
                if o.configHash != spec.configHash {
                    actions.append(.replace(spec, reason: .configChanged))
                } else if o.startupFailed {
                    actions.append(.replace(spec, reason: .startupFailed))
                } else if o.livenessFailed {
                    actions.append(.replace(spec, reason: .livenessFailed))
                }
            }
        }
        return ReconcileResult(actions: actions, requeueAfter: requeue)
    }
}
