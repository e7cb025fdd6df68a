/// Which informer deltas cause a reconcile (controller-runtime's predicates).
public enum EventFilters {
    /// A GWSDeployment: added, deleted, its spec changed (`generation`), or
    /// its deletion started. Never a change of only status or metadata, so
    /// the operator's own status and finalizer writes trigger nothing
    /// (`GenerationChangedPredicate`).
    public static func shouldReconcile(_ delta: InformerDelta<GWSDeploymentObject>) -> Bool {
        switch delta {
        case .added, .deleted:
            return true
        case .updated(let old, let new):
            return old.generation != new.generation || old.deletionTimestamp != new.deletionTimestamp
                || old.uid != new.uid
        }
    }

    /// An owned Deployment: the owner to reconcile when its readiness
    /// changed or it vanished (so it is re-created). Its creation and spec
    /// changes are the operator's own applies and trigger nothing.
    public static func ownerToReconcile(_ delta: InformerDelta<OwnedDeployment>) -> ObjectKey? {
        switch delta {
        case .added:
            return nil
        case .updated(let old, let new):
            return old.readyReplicas != new.readyReplicas || old.owner != new.owner ? new.owner : nil
        case .deleted(let object, _):
            return object.owner
        }
    }
}
