import GWSSpec

/// The verdict of one probe after thresholds are applied.
public enum ProbeVerdict: Sendable, Equatable {
    /// Not yet decided (before `successThreshold` successes or `failureThreshold` failures).
    case unknown
    case success
    case failure(reason: String)
}

/// Kubernetes probe semantics as a pure value: feed it results, it says
/// when the verdict flips. `successThreshold` consecutive successes make it
/// succeed; `failureThreshold` consecutive failures make it fail.
public struct ProbeTracker: Sendable, Equatable {
    public let spec: ProbeSpec
    public private(set) var verdict: ProbeVerdict = .unknown
    public private(set) var consecutiveSuccesses = 0
    public private(set) var consecutiveFailures = 0

    public init(spec: ProbeSpec, initial: ProbeVerdict = .unknown) {
        self.spec = spec
        self.verdict = initial
    }

    /// Records one probe result; returns the new verdict when it changed.
    @discardableResult
    public mutating func record(success: Bool, reason: String = "") -> ProbeVerdict? {
        if success {
            consecutiveSuccesses += 1
            consecutiveFailures = 0
            if verdict != .success && consecutiveSuccesses >= max(1, spec.successThreshold) {
                verdict = .success
                return verdict
            }
        } else {
            consecutiveFailures += 1
            consecutiveSuccesses = 0
            let isFailure: Bool
            if case .failure = verdict { isFailure = true } else { isFailure = false }
            if !isFailure && consecutiveFailures >= max(1, spec.failureThreshold) {
                verdict = .failure(reason: reason)
                return verdict
            }
        }
        return nil
    }
}

/// The three probes of one instance, with startup gating the other two.
public struct InstanceProbeState: Sendable, Equatable {
    public private(set) var startup: ProbeTracker
    public private(set) var readiness: ProbeTracker
    public private(set) var liveness: ProbeTracker

    public init(probes: ResolvedProbes) {
        startup = ProbeTracker(spec: probes.startup)
        readiness = ProbeTracker(spec: probes.readiness)
        liveness = ProbeTracker(spec: probes.liveness)
    }

    /// True once the startup probe has succeeded.
    public var started: Bool { startup.verdict == .success }
    public var ready: Bool { started && readiness.verdict == .success }
    public var livenessFailed: Bool {
        if case .failure = liveness.verdict { return true }
        return false
    }
    public var startupFailed: Bool {
        if case .failure = startup.verdict { return true }
        return false
    }

    /// Which probes are due now: startup until it passes, then readiness and liveness.
    public var dueKinds: [ProbeKind] { started ? [.readiness, .liveness] : [.startup] }

    /// Records a result; returns whether any externally visible state changed.
    public mutating func record(_ kind: ProbeKind, success: Bool, reason: String = "") -> Bool {
        let before = (started, ready, livenessFailed, startupFailed)
        switch kind {
        case .startup: startup.record(success: success, reason: reason)
        case .readiness: readiness.record(success: success, reason: reason)
        case .liveness: liveness.record(success: success, reason: reason)
        }
        return before != (started, ready, livenessFailed, startupFailed)
    }
}

public enum ProbeKind: String, Sendable, Equatable, CaseIterable {
    case startup, readiness, liveness
}
