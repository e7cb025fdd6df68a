/// How a check's status is decided.
enum RegistryCheckKind: Sendable, Hashable {
    /// The registry GETs (or `method`s) `url` every interval.
    case http(url: String, method: String, header: [String: [String]])
    /// The registry connects to `host:port` every interval.
    case tcp(address: String)
    /// The service reports its status itself within `ttl`, or the check goes critical.
    case ttl(Duration)
    /// The `_service_maintenance:<id>` check that drains a service.
    case maintenance

    /// Consul's `Type` field.
    var typeName: String {
        switch self {
        case .http: "http"
        case .tcp: "tcp"
        case .ttl: "ttl"
        case .maintenance: "maintenance"
        }
    }

    /// Whether the check runner evaluates it (HTTP and TCP) or watches its deadline (TTL).
    var isRunnable: Bool { self != .maintenance }
}

/// A check as the registry holds it.
struct RegistryCheck: Sendable {
    var id: String
    var name: String
    var serviceID: String
    var serviceName: String
    var kind: RegistryCheckKind
    /// How often HTTP and TCP checks run.
    var interval: Duration
    /// How long one HTTP or TCP attempt may take.
    var timeout: Duration
    /// Deregister the service once critical this long.
    var deregisterAfter: Duration?
    var status: ConsulCheckStatus
    var output: String
    var notes: String
    var createIndex: UInt64
    var modifyIndex: UInt64
    /// When the check last became critical; `nil` while it is not.
    var criticalSince: Duration?
    /// When a TTL check expires unless updated; `nil` once expired.
    var ttlDeadline: Duration?
    /// Identifies this definition of the check: a re-registration gets a new one, so a runner
    /// loop for the old definition knows to stop.
    var generation: UInt64

    /// The check as the check runner needs it.
    var schedule: ScheduledCheck {
        ScheduledCheck(id: id, generation: generation, kind: kind, interval: interval, timeout: timeout)
    }
}

/// What the check runner needs to evaluate one check.
struct ScheduledCheck: Sendable, Hashable {
    var id: String
    var generation: UInt64
    var kind: RegistryCheckKind
    var interval: Duration
    var timeout: Duration
}

/// A service instance as the registry holds it.
struct RegistryService: Sendable {
    var registration: ConsulServiceRegistration
    var createIndex: UInt64
    var modifyIndex: UInt64
    /// The ids of its checks, in registration order (the maintenance check last).
    var checkIDs: [String]
}

/// A key/value entry as the registry holds it.
struct RegistryKVEntry: Sendable, Equatable {
    var value: [UInt8]
    var flags: UInt64
    var createIndex: UInt64
    var modifyIndex: UInt64
    /// How many times a session has newly acquired the key.
    var lockIndex: UInt64 = 0
    /// The session holding the key's lock, if any.
    var session: String?
}

/// What a blocking query waits on; each has its own modify index.
enum RegistryWatch: Sendable, Hashable {
    /// One service name's instances and their checks (health and catalog service reads).
    case service(String)
    /// The set of service names and tags (`/v1/catalog/services`).
    case catalogServices
    /// The node list (`/v1/catalog/nodes`).
    case nodes
    /// One key.
    case key(String)
    /// Every key under a prefix.
    case prefix(String)
    /// The set of sessions (`/v1/session/info`, `/list`, `/node`).
    case sessions
}
