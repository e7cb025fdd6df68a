/// A health check as given in a Consul service registration (`Check` / `Checks`).
///
/// Exactly one of ``http``, ``tcp`` or ``ttl`` normally says what kind of check it is. Durations are
/// Consul strings (`"1s"`, `"500ms"`); see ``ConsulDuration``. Encodes with Consul's key names
/// (`"CheckID"`, `"HTTP"`, `"DeregisterCriticalServiceAfter"` …) and decodes them case-insensitively,
/// snake_case included, as Consul does.
public struct ConsulCheckDefinition: Sendable, Codable, Hashable {
    /// The check's id (`CheckID`); Consul derives `service:<service id>` when absent.
    public var checkID: String?
    /// A human-readable name (`Name`).
    public var name: String?
    /// The URL an HTTP check GETs (`HTTP`): 2xx is passing, 429 warning, anything else critical.
    public var http: String?
    /// The `host:port` a TCP check connects to (`TCP`).
    public var tcp: String?
    /// The time-to-live of a TTL check (`TTL`): critical unless updated within it.
    public var ttl: String?
    /// How often HTTP and TCP checks run (`Interval`).
    public var interval: String?
    /// How long one HTTP or TCP attempt may take (`Timeout`, Consul's default 10s).
    public var timeout: String?
    /// Deregister the service once this check has been critical for this long (`DeregisterCriticalServiceAfter`).
    public var deregisterCriticalServiceAfter: String?
    /// The initial status (`Status`); Consul starts new checks `critical` when absent.
    public var status: ConsulCheckStatus?
    /// Free-form notes (`Notes`).
    public var notes: String?
    /// The HTTP method an HTTP check uses (`Method`, default `GET`).
    public var method: String?
    /// Extra headers an HTTP check sends (`Header`).
    public var header: [String: [String]]?

    /// Creates a check definition; every field is optional.
    public init(
        checkID: String? = nil,
        name: String? = nil,
        http: String? = nil,
        tcp: String? = nil,
        ttl: String? = nil,
        interval: String? = nil,
        timeout: String? = nil,
        deregisterCriticalServiceAfter: String? = nil,
        status: ConsulCheckStatus? = nil,
        notes: String? = nil,
        method: String? = nil,
        header: [String: [String]]? = nil
    ) {
        self.checkID = checkID
        self.name = name
        self.http = http
        self.tcp = tcp
        self.ttl = ttl
        self.interval = interval
        self.timeout = timeout
        self.deregisterCriticalServiceAfter = deregisterCriticalServiceAfter
        self.status = status
        self.notes = notes
        self.method = method
        self.header = header
    }

    /// An HTTP check of `url` every `interval`.
    public static func http(
        _ url: String, interval: Duration, timeout: Duration? = nil, deregisterAfter: Duration? = nil
    ) -> Self {
        .init(
            http: url, interval: ConsulDuration.format(interval), timeout: timeout.map(ConsulDuration.format),
            deregisterCriticalServiceAfter: deregisterAfter.map(ConsulDuration.format))
    }

    /// A TCP check of `host:port` every `interval`.
    public static func tcp(_ address: String, interval: Duration, timeout: Duration? = nil) -> Self {
        .init(tcp: address, interval: ConsulDuration.format(interval), timeout: timeout.map(ConsulDuration.format))
    }

    /// A TTL check that goes critical unless updated within `ttl`.
    public static func ttl(_ ttl: Duration, checkID: String? = nil, deregisterAfter: Duration? = nil) -> Self {
        .init(
            checkID: checkID, ttl: ConsulDuration.format(ttl),
            deregisterCriticalServiceAfter: deregisterAfter.map(ConsulDuration.format))
    }

    private enum CodingKeys: String, CodingKey {
        case checkID = "CheckID"
        case name = "Name"
        case http = "HTTP"
        case tcp = "TCP"
        case ttl = "TTL"
        case interval = "Interval"
        case timeout = "Timeout"
        case deregisterCriticalServiceAfter = "DeregisterCriticalServiceAfter"
        case status = "Status"
        case notes = "Notes"
        case method = "Method"
        case header = "Header"
    }

    public init(from decoder: any Decoder) throws {
        let lenient = try LenientKeyedDecoding(decoder)
        checkID = try lenient.decode(String.self, "CheckID", "ID")
        name = try lenient.decode(String.self, "Name")
        http = try lenient.decode(String.self, "HTTP")
        tcp = try lenient.decode(String.self, "TCP")
        ttl = try lenient.decodeDuration("TTL")
        interval = try lenient.decodeDuration("Interval")
        timeout = try lenient.decodeDuration("Timeout")
        deregisterCriticalServiceAfter = try lenient.decodeDuration("DeregisterCriticalServiceAfter")
        status = try lenient.decode(ConsulCheckStatus.self, "Status")
        notes = try lenient.decode(String.self, "Notes")
        method = try lenient.decode(String.self, "Method")
        header = try lenient.decode([String: [String]].self, "Header")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(checkID, forKey: .checkID)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(http, forKey: .http)
        try container.encodeIfPresent(tcp, forKey: .tcp)
        try container.encodeIfPresent(ttl, forKey: .ttl)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encodeIfPresent(timeout, forKey: .timeout)
        try container.encodeIfPresent(deregisterCriticalServiceAfter, forKey: .deregisterCriticalServiceAfter)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(notes, forKey: .notes)
        try container.encodeIfPresent(method, forKey: .method)
        try container.encodeIfPresent(header, forKey: .header)
    }
}
