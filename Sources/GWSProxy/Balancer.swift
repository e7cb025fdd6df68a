/// Chooses the instance for each attempt of a request: round-robin over the
/// passing instances that are not ejected. A plain value with no I/O; the
/// current time is passed in.
///
/// An instance that refused or reset a connection is ejected at once for
/// ``ejectionDuration`` (discovery and probes are the slower, authoritative
/// view). While every candidate is ejected, the balancer tries them anyway
/// rather than failing the request.
public struct Balancer: Sendable, Equatable {
    /// The passing instances, sorted by id (round-robin order).
    public private(set) var instances: [UpstreamInstance]
    /// How long an instance stays out of rotation after a failure.
    public let ejectionDuration: Duration
    /// Ejected instance id → end of its ejection.
    private var ejectedUntil: [String: ContinuousClock.Instant] = [:]
    /// The id chosen last; the next choice is the first eligible id after it.
    private var lastChosen: String?

    public init(instances: [UpstreamInstance] = [], ejectionDuration: Duration = .seconds(5)) {
        self.instances = []
        self.ejectionDuration = ejectionDuration
        update(instances)
    }

    /// Replaces the passing instances (from discovery). Ejections of instances
    /// still listed stay in force; those of vanished instances are forgotten.
    public mutating func update(_ newInstances: [UpstreamInstance]) {
        var seen = Set<String>()
        instances = newInstances.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
        ejectedUntil = ejectedUntil.filter { seen.contains($0.key) }
    }

    /// The instance for the next attempt, skipping `excluding` (the ids
    /// already tried for this request); nil when no candidate is left.
    ///
    /// With an `affinity` key (a Workspace session), the choice is sticky:
    /// rendezvous hashing picks the same instance for the same key while it
    /// is eligible, and when it is not, the next one in the key's order —
    /// other keys keep their instances. Without one, round-robin.
    public mutating func next(
        excluding: Set<String> = [], affinity: String? = nil, now: ContinuousClock.Instant
    ) -> UpstreamInstance? {
        ejectedUntil = ejectedUntil.filter { $0.value > now }
        let candidates = instances.filter { !excluding.contains($0.id) }
        guard !candidates.isEmpty else { return nil }
        let healthy = candidates.filter { ejectedUntil[$0.id] == nil }
        let pool = healthy.isEmpty ? candidates : healthy
        if let affinity {
            return pool.max { Self.weight(affinity, $0.id) < Self.weight(affinity, $1.id) }
        }
        let chosen = pool.first { instance in lastChosen.map { instance.id > $0 } ?? true } ?? pool[0]
        lastChosen = chosen.id
        return chosen
    }

    /// Ejects the instance until `now + ejectionDuration` (extending a running ejection).
    ///
    /// - Returns: true when the instance was not ejected before (a new ejection).
    @discardableResult
    public mutating func reportFailure(_ instanceID: String, now: ContinuousClock.Instant) -> Bool {
        guard instances.contains(where: { $0.id == instanceID }) else { return false }
        let wasEjected = isEjected(instanceID, now: now)
        ejectedUntil[instanceID] = now + ejectionDuration
        return !wasEjected
    }

    /// The instance answered: it is back in rotation at once.
    public mutating func reportSuccess(_ instanceID: String) {
        ejectedUntil[instanceID] = nil
    }

    /// Whether the instance is out of rotation at `now`.
    public func isEjected(_ instanceID: String, now: ContinuousClock.Instant) -> Bool {
        ejectedUntil[instanceID].map { $0 > now } ?? false
    }

    /// The ids out of rotation at `now`.
    public func ejectedIDs(now: ContinuousClock.Instant) -> Set<String> {
        Set(ejectedUntil.filter { $0.value > now }.keys)
    }

    /// The rendezvous weight of `instance` for `key`: FNV-1a 64 of both, so
    /// every proxy replica (and every restart) agrees without coordination.
    static func weight(_ key: String, _ instance: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ 0xff) &* 0x0000_0100_0000_01b3
        for byte in instance.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        // Finalize (splitmix64) so similar ids spread well.
        hash ^= hash >> 30
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash = hash &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }
}
