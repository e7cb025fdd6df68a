/// What one worker reports: the structure `worker_main` sends back over its pipe in
/// hack/bench-agents.py (plus `generator` and `connections_opened`, which the script ignores).
struct WorkerResult: Encodable, Sendable {
    var sent = 0
    var readyAgents = 0
    var latencies: [Double] = []
    var httpLatencies: [Double] = []
    var setupS: [Double] = []
    var activationS: [Double] = []
    var counts: [String: Int] = [:]
    var examples: [String: String] = [:]
    var reasons: [String: Int] = [:]
    var cpuS = 0.0
    var lag: [Double] = []
    var generator = "swift"
    var connectionsOpened = 0

    enum CodingKeys: String, CodingKey {
        case sent, latencies, counts, examples, reasons, lag, generator
        case readyAgents = "ready_agents"
        case httpLatencies = "http_latencies"
        case setupS = "setup_s"
        case activationS = "activation_s"
        case cpuS = "cpu_s"
        case connectionsOpened = "connections_opened"
    }

    /// Counts a failure, keeps its first example, and counts it by reason (digits folded to N,
    /// as the Python worker's `count` does).
    mutating func count(_ what: String, _ example: String) {
        counts[what, default: 0] += 1
        if examples[what] == nil {
            examples[what] = example
        }
        var folded = ""
        var inDigits = false
        for ch in example {
            if ch.isASCII && ch.isNumber {
                if !inDigits { folded.append("N") }
                inDigits = true
            } else {
                folded.append(ch)
                inDigits = false
            }
        }
        reasons[what + ": " + String(folded.prefix(140)), default: 0] += 1
    }
}
