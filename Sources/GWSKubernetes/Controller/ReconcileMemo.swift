/// What the controller remembers between reconciles, so that it writes
/// nothing that has not changed even when its cache lags behind its own
/// writes: the last status written per object, the set of objects last
/// applied (prune only when it changes), and deletions it caused itself.
actor ReconcileMemo {
    /// The owner's uid and a hash of the names applied (not the names: 37
    /// strings for each of 1,000 resources add up).
    struct Applied: Equatable {
        var uid: String
        var namesHash: Int

        init(uid: String, names: Set<String>) {
            self.uid = uid
            var hasher = Hasher()
            for name in names.sorted() { hasher.combine(name) }
            namesHash = hasher.finalize()
        }
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
