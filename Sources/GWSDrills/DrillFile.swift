import GWSSpec

/// A drill, as its file describes it: what to hit, how, for how long, under
/// which load, and what must still hold (see `docs/failover.md` and
/// `examples/drills/`). Built by ``DrillFileLoader`` from YAML, validated.
public struct DrillFile: Sendable, Equatable {
    public var name: String
    /// What the drill expects to show ("killing one of two Workspace instances fails no request").
    public var hypothesis: String
    public var target: DrillTarget
    public var fault: DrillFault
    /// The fault window: the load runs and the cluster is watched for this long after the fault.
    public var duration: Double
    /// Seconds of load before the fault (the baseline).
    public var warmup: Double
    /// Seconds after the window to wait for every victim to recover.
    public var recoveryTimeout: Double
    public var load: LoadProfile
    public var steadyState: SteadyStateChecks
    public var abort: AbortConditions
    public var rollback: DrillRollback

    public init(
        name: String, hypothesis: String = "", target: DrillTarget, fault: DrillFault, duration: Double,
        warmup: Double = 2, recoveryTimeout: Double = 30, load: LoadProfile = LoadProfile(),
        steadyState: SteadyStateChecks = SteadyStateChecks(), abort: AbortConditions = AbortConditions(),
        rollback: DrillRollback = DrillRollback()
    ) {
        self.name = name
        self.hypothesis = hypothesis
        self.target = target
        self.fault = fault
        self.duration = duration
        self.warmup = warmup
        self.recoveryTimeout = recoveryTimeout
        self.load = load
        self.steadyState = steadyState
        self.abort = abort
        self.rollback = rollback
    }
}

/// What a drill hits.
public enum DrillTarget: Sendable, Equatable {
    /// One instance by id (`workspace-0`).
    case instance(String)
    /// Every instance of a role, or one picked at random.
    case role(String, select: RoleSelection)
    /// A backing store the operator runs.
    case store(StoreKind)
    /// The operator (the leader, when several run).
    case operatorLeader

    public enum RoleSelection: String, Sendable, Equatable, CaseIterable {
        case all, one
    }

    /// `instance`, `role`, `store` or `operator`.
    public var kind: String {
        switch self {
        case .instance: "instance"
        case .role: "role"
        case .store: "store"
        case .operatorLeader: "operator"
        }
    }

    /// `instance workspace-0`, `role workspace (one at random)`, `store postgres`, `operator`.
    public var selector: String {
        switch self {
        case .instance(let id): "instance \(id)"
        case .role(let role, .all): "role \(role) (every instance)"
        case .role(let role, .one): "role \(role) (one instance at random)"
        case .store(let kind): "store \(kind.rawValue)"
        case .operatorLeader: "operator (leader)"
        }
    }
}

/// How a drill hurts its target.
public struct DrillFault: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// SIGKILL to the process group: a crash.
        case kill
        /// SIGSTOP for `seconds`, then SIGCONT: a hang.
        case hang
        /// SIGTERM (SIGINT for PostgreSQL): a graceful stop the operator sees as an exit.
        case restart
        /// `gwsctl rollout restart`: a planned rolling restart of a role.
        case rollout
    }

    public var kind: Kind
    /// How long a hang lasts (defaults to the drill's duration).
    public var seconds: Double?

    public init(kind: Kind, seconds: Double? = nil) {
        self.kind = kind
        self.seconds = seconds
    }
}

/// Simulated agents working through the proxy during the drill.
public struct LoadProfile: Sendable, Equatable {
    /// Agents (each logs in as one of the demo tenant's agents and opens a Workspace session).
    public var agents: Int
    /// Requests per second, all agents together.
    public var rate: Double
    /// The share of requests that are writes (Setting favorites with sequence numbers).
    public var writeRatio: Double
    /// Seconds before a request counts as failed.
    public var requestTimeout: Double

    public init(agents: Int = 2, rate: Double = 20, writeRatio: Double = 0.25, requestTimeout: Double = 10) {
        self.agents = agents
        self.rate = rate
        self.writeRatio = writeRatio
        self.requestTimeout = requestTimeout
    }
}

/// What must still hold; a nil limit is not checked.
public struct SteadyStateChecks: Sendable, Equatable {
    public var maxFailedRequestsPercent: Double?
    public var maxDetectionSeconds: Double?
    public var maxOutOfRotationSeconds: Double?
    public var maxRecoverySeconds: Double?
    public var noLostWrites: Bool
    public var sessionsStillValid: Bool

    public init(
        maxFailedRequestsPercent: Double? = nil, maxDetectionSeconds: Double? = nil,
        maxOutOfRotationSeconds: Double? = nil, maxRecoverySeconds: Double? = nil, noLostWrites: Bool = true,
        sessionsStillValid: Bool = true
    ) {
        self.maxFailedRequestsPercent = maxFailedRequestsPercent
        self.maxDetectionSeconds = maxDetectionSeconds
        self.maxOutOfRotationSeconds = maxOutOfRotationSeconds
        self.maxRecoverySeconds = maxRecoverySeconds
        self.noLostWrites = noLostWrites
        self.sessionsStillValid = sessionsStillValid
    }
}

/// When to stop a drill early: the fault is ended at once (SIGCONT, operator
/// started) and the report says why.
public struct AbortConditions: Sendable, Equatable {
    /// Failed share of the requests sent so far (checked once 20 were sent).
    public var maxFailedRequestsPercent: Double?
    public var maxConsecutiveFailures: Int?
    /// Refuse to inject unless every desired instance is ready.
    public var requireReadyCluster: Bool

    public init(maxFailedRequestsPercent: Double? = nil, maxConsecutiveFailures: Int? = nil, requireReadyCluster: Bool = true) {
        self.maxFailedRequestsPercent = maxFailedRequestsPercent
        self.maxConsecutiveFailures = maxConsecutiveFailures
        self.requireReadyCluster = requireReadyCluster
    }
}

/// Putting things back when the cluster cannot by itself.
public struct DrillRollback: Sendable, Equatable {
    /// Operator target: start a new operator this many seconds after the
    /// fault when no other operator took over by then (nil: never).
    public var startOperatorAfter: Double?

    public init(startOperatorAfter: Double? = 0) {
        self.startOperatorAfter = startOperatorAfter
    }
}
