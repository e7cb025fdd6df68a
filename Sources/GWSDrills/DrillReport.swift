/// What a drill run found; written as JSON (this type) and Markdown.
///
/// The keys the issue asks for: `target`, `fault`, `timeline` (`{"event",
/// "at"}`…), `requests` (`{"sent", "failed"}`), `writes` (`{"acknowledged",
/// "lost"}`), `detectionSeconds`, `recoverySeconds`, `aborted`. Seconds are
/// measured from the fault's injection; a nil one was not observed.
public struct DrillReport: Sendable, Equatable, Codable {
    public struct Fault: Sendable, Equatable, Codable {
        public var kind: String
        /// The signal sent (`SIGKILL`, `SIGSTOP`+`SIGCONT`, `SIGTERM`, `SIGINT`), or the admin call.
        public var action: String
        public var seconds: Double?
        public var durationSeconds: Double
    }

    public struct Component: Sendable, Equatable, Codable {
        /// `operator` (its status), `discovery` (Consul passing list), `proxy` (ejections), `load` (failed requests).
        public var component: String
        public var detectionSeconds: Double?
        public var recoverySeconds: Double?
        public var note: String
    }

    public struct Requests: Sendable, Equatable, Codable {
        public var sent: Int
        public var failed: Int
        public var failedPercent: Double
        public var reads: Counts
        public var writes: Counts
        /// Version reads answered, by the instance that answered.
        public var answeredBy: [String: Int]
        /// Response times of every request, in seconds.
        public var latency: Latency
        /// The first failures (at most 20): seconds after the fault, kind, status or error.
        public var sampleFailures: [String]
    }

    public struct Latency: Sendable, Equatable, Codable {
        public var p50: Double
        public var p95: Double
        public var max: Double
    }

    public struct Counts: Sendable, Equatable, Codable {
        public var sent: Int
        public var failed: Int
    }

    public struct Writes: Sendable, Equatable, Codable {
        public var acknowledged: Int
        public var lost: Int
        public var lostItems: [String]
        /// Agents whose writes could not be read back (their store did not answer in time).
        public var unverifiedAgents: Int
    }

    public struct Sessions: Sendable, Equatable, Codable {
        public var agents: Int
        public var valid: Int
    }

    public struct Check: Sendable, Equatable, Codable {
        public var name: String
        public var limit: String
        public var observed: String
        public var passed: Bool
    }

    public var drill: String
    public var hypothesis: String
    public var target: ResolvedTarget
    public var fault: Fault
    public var startedAt: String
    public var faultInjectedAt: String?
    public var timeline: [TimelineEvent]
    public var components: [Component]
    public var detectionSeconds: Double?
    public var outOfRotationSeconds: Double?
    public var recoverySeconds: Double?
    /// A replicated store: when another instance was its primary (nil: none was promoted).
    public var promotedSeconds: Double?
    /// When the last failed request came back (every later one succeeded):
    /// writes accepted again, sessions usable again. Nil when none failed.
    public var serviceRestoredSeconds: Double?
    public var requests: Requests
    public var writes: Writes
    public var sessions: Sessions
    /// Operator drills: whether every instance kept its process across the operator's loss.
    public var instancesKeptRunning: Bool?
    public var checks: [Check]
    public var aborted: Bool
    public var abortReason: String?
    /// Every check passed and nothing aborted.
    public var passed: Bool
    public var notes: [String]
}
