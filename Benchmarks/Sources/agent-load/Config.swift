/// What `hack/bench-agents.py` hands one worker: its `cfg` and its share of the agents.
/// Times are CLOCK_MONOTONIC seconds (Python's `time.monotonic()` on Linux), the same clock as `Monotonic.now()`.
struct WorkerInput: Decodable, Sendable {
    let cfg: WorkerConfig
    let agents: [AgentSpec]
}

struct WorkerConfig: Decodable, Sendable {
    let proxy: String
    /// [min, max] seconds between an agent's state changes.
    let interval: [Double]
    let eventTimeout: Double
    let activateDn: Bool
    let start: Double
    let rampRate: Double
    let measureStart: Double
    let measureEnd: Double

    enum CodingKeys: String, CodingKey {
        case proxy, interval, start
        case eventTimeout = "event_timeout"
        case activateDn = "activate_dn"
        case rampRate = "ramp_rate"
        case measureStart = "measure_start"
        case measureEnd = "measure_end"
    }

    var intervalMin: Double { interval.first ?? 2 }
    var intervalMax: Double { interval.count > 1 ? interval[1] : intervalMin }
}

struct AgentSpec: Decodable, Sendable {
    let order: Int
    let dn: String
    let token: String
}
