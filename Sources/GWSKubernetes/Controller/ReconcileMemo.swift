/// What the controller remembers between reconciles, so that it writes
/// nothing that has not changed even when its cache lags behind its own
/// writes: the last status written per object, the set of objects last
/// applied (prune only when it changes), and deletions it caused itself.
actor ReconcileMemo {
    struct Applied: Equatable {
        var uid: String
        var names: Set<String>
    }

    private var statuses: [ObjectKey: GWSDeploymentStatus] = [:]
    private var applied: [ObjectKey: Applied] = [:]
    private var expectedDeletions: Set<ObjectKey> = []

    func status(_ key: ObjectKey) -> GWSDeploymentStatus? { statuses[key] }
    func setStatus(_ key: ObjectKey, _ status: GWSDeploymentStatus) { statuses[key] = status }

    func applied(_ key: ObjectKey) -> Applied? { applied[key] }
    func setApplied(_ key: ObjectKey, _ value: Applied) { applied[key] = value }

    /// A Deployment the controller is about to delete: its DELETED event triggers nothing.
    func expectDeletion(_ key: ObjectKey) { expectedDeletions.insert(key) }
    func consumeExpectedDeletion(_ key: ObjectKey) -> Bool { expectedDeletions.remove(key) != nil }

    func forget(_ key: ObjectKey) {
        statuses[key] = nil
        applied[key] = nil
    }
}
