import GWSSpec

/// A `coordination.k8s.io/v1` Lease's spec, as leader election uses it.
public struct LeaseRecord: Sendable, Equatable {
    public var holderIdentity: String
    public var leaseDurationSeconds: Int
    public var acquireTime: String?
    public var renewTime: String?
    public var leaseTransitions: Int

    public init(
        holderIdentity: String, leaseDurationSeconds: Int, acquireTime: String? = nil, renewTime: String? = nil,
        leaseTransitions: Int = 0
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    public init(spec: Value?) {
        holderIdentity = spec?["holderIdentity"]?.stringValue ?? ""
        leaseDurationSeconds = spec?["leaseDurationSeconds"]?.intValue ?? 0
        acquireTime = spec?["acquireTime"]?.stringValue
        renewTime = spec?["renewTime"]?.stringValue
        leaseTransitions = spec?["leaseTransitions"]?.intValue ?? 0
    }

    public var spec: Value {
        var entries: [String: Value] = [
            "holderIdentity": .string(holderIdentity),
            "leaseDurationSeconds": .int(leaseDurationSeconds),
            "leaseTransitions": .int(leaseTransitions),
        ]
        if let acquireTime { entries["acquireTime"] = .string(acquireTime) }
        if let renewTime { entries["renewTime"] = .string(renewTime) }
        return .map(entries)
    }

    /// The record `identity` writes to take or keep the lease at `now`:
    /// a renewal keeps the acquire time and transition count; a takeover
    /// counts one more transition.
    public func next(for identity: String, durationSeconds: Int, now: String) -> LeaseRecord {
        let renewing = holderIdentity == identity
        return LeaseRecord(
            holderIdentity: identity, leaseDurationSeconds: durationSeconds,
            acquireTime: renewing ? (acquireTime ?? now) : now, renewTime: now,
            leaseTransitions: renewing ? leaseTransitions : leaseTransitions + 1)
    }

    /// What a leader writes when it steps down: no holder, a 1 s lease.
    public func released(now: String) -> LeaseRecord {
        LeaseRecord(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: now, renewTime: now,
            leaseTransitions: leaseTransitions)
    }
}

/// client-go's view of the lease: the last record seen and when this
/// process saw it change, on its own monotonic clock (so clock skew
/// between replicas does not matter). Pure.
public struct LeaseObservation: Sendable, Equatable {
    public private(set) var record: LeaseRecord?
    public private(set) var resourceVersion: String = ""
    public private(set) var observedAt: Duration = .zero

    public init() {}

    public mutating func observe(_ record: LeaseRecord, resourceVersion: String, at now: Duration) {
        if record != self.record || resourceVersion != self.resourceVersion {
            self.record = record
            self.resourceVersion = resourceVersion
            observedAt = now
        }
    }

    /// Whether another holder's lease is still valid: it has a holder other
    /// than `identity` and did not stay unchanged for its whole duration.
    public func heldByOther(identity: String, now: Duration) -> Bool {
        guard let record, !record.holderIdentity.isEmpty, record.holderIdentity != identity else { return false }
        return observedAt + .seconds(record.leaseDurationSeconds) > now
    }

    public func isHeld(by identity: String) -> Bool { record?.holderIdentity == identity }
}
