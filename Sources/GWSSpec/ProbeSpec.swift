/// One probe, with Kubernetes semantics and knob names.
public struct ProbeSpec: Codable, Sendable, Equatable, Hashable {
    public var path: String
    public var initialDelaySeconds: Int
    public var periodSeconds: Int
    public var timeoutSeconds: Int
    public var successThreshold: Int
    public var failureThreshold: Int

    public init(
        path: String, initialDelaySeconds: Int = 0, periodSeconds: Int = 1, timeoutSeconds: Int = 1,
        successThreshold: Int = 1, failureThreshold: Int = 3
    ) {
        self.path = path
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
    }
}

/// The three probes of a service. Each field is optional so a service can
/// override one knob of one probe; ``resolved(over:)`` fills the rest.
public struct ProbeSet: Codable, Sendable, Equatable, Hashable {
    public var startup: PartialProbe?
    public var readiness: PartialProbe?
    public var liveness: PartialProbe?

    public init(startup: PartialProbe? = nil, readiness: PartialProbe? = nil, liveness: PartialProbe? = nil) {
        self.startup = startup
        self.readiness = readiness
        self.liveness = liveness
    }

    /// Local mode's defaults: a 1 s period everywhere; 30 s to start.
    public static let localDefaults = ProbeSet(
        startup: PartialProbe(path: "/livez", periodSeconds: 1, failureThreshold: 30),
        readiness: PartialProbe(path: "/readyz", periodSeconds: 1, failureThreshold: 3),
        liveness: PartialProbe(path: "/livez", periodSeconds: 1, failureThreshold: 3))

    /// These overrides laid over `base`, then over Kubernetes defaults.
    public func resolved(over base: ProbeSet) -> ResolvedProbes {
        ResolvedProbes(
            startup: (startup ?? .init()).over(base.startup ?? .init()).resolved(defaultPath: "/livez"),
            readiness: (readiness ?? .init()).over(base.readiness ?? .init()).resolved(defaultPath: "/readyz"),
            liveness: (liveness ?? .init()).over(base.liveness ?? .init()).resolved(defaultPath: "/livez"))
    }
}

/// The three probes with every knob set.
public struct ResolvedProbes: Codable, Sendable, Equatable, Hashable {
    public var startup: ProbeSpec
    public var readiness: ProbeSpec
    public var liveness: ProbeSpec

    public init(startup: ProbeSpec, readiness: ProbeSpec, liveness: ProbeSpec) {
        self.startup = startup
        self.readiness = readiness
        self.liveness = liveness
    }
}

/// A probe whose knobs may be unset.
public struct PartialProbe: Codable, Sendable, Equatable, Hashable {
    public var path: String?
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int?
    public var timeoutSeconds: Int?
    public var successThreshold: Int?
    public var failureThreshold: Int?

    public init(
        path: String? = nil, initialDelaySeconds: Int? = nil, periodSeconds: Int? = nil,
        timeoutSeconds: Int? = nil, successThreshold: Int? = nil, failureThreshold: Int? = nil
    ) {
        self.path = path
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
    }

    /// Each knob from `self` where set, else from `base`.
    public func over(_ base: PartialProbe) -> PartialProbe {
        PartialProbe(
            path: path ?? base.path, initialDelaySeconds: initialDelaySeconds ?? base.initialDelaySeconds,
            periodSeconds: periodSeconds ?? base.periodSeconds, timeoutSeconds: timeoutSeconds ?? base.timeoutSeconds,
            successThreshold: successThreshold ?? base.successThreshold,
            failureThreshold: failureThreshold ?? base.failureThreshold)
    }

    /// Unset knobs take Kubernetes' defaults (period 10 s, timeout 1 s, thresholds 1 and 3).
    public func resolved(defaultPath: String) -> ProbeSpec {
        ProbeSpec(
            path: path ?? defaultPath, initialDelaySeconds: initialDelaySeconds ?? 0, periodSeconds: periodSeconds ?? 10,
            timeoutSeconds: timeoutSeconds ?? 1, successThreshold: successThreshold ?? 1,
            failureThreshold: failureThreshold ?? 3)
    }
}
