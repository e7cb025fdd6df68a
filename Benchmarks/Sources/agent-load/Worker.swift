import NIOCore

/// One load-generator process: starts its agents on schedule (`start + order / ramp_rate`), probes
/// its own event-loop lag, and reports when the window and the last commands are over. Every
/// method runs on `loop`.
final class Worker {
    let cfg: WorkerConfig
    let loop: any EventLoop
    let http: HTTPPool
    /// Seconds: aiohttp.ClientTimeout(total=120) and total=max(30, event_timeout) in the Python worker.
    let pollTimeout = 120.0
    let requestTimeout: Double
    private(set) var stopping = false
    var result = WorkerResult()
    private var runsLeft = 0
    private var cpu0 = 0.0
    private var windowOver = false
    private var finished = false
    private let done: (WorkerResult) -> Void

    init(cfg: WorkerConfig, loop: any EventLoop, host: String, port: Int, done: @escaping (WorkerResult) -> Void) {
        self.cfg = cfg
        self.loop = loop
        self.http = HTTPPool(loop: loop, host: host, port: port)
        self.requestTimeout = max(30, cfg.eventTimeout)
        self.done = done
    }

    /// Runs `body` on the loop after `seconds` (at once when ≤ 0).
    @discardableResult
    func after(_ seconds: Double, _ body: @escaping () -> Void) -> Scheduled<Void> {
        loop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(max(0, seconds) * 1e9)), body)
    }

    func start(_ agents: [AgentSpec]) {
        runsLeft = agents.count
        http.startSweeping()
        probeLag()
        for spec in agents {
            let at = cfg.start + Double(spec.order) / cfg.rampRate
            after(at - Monotonic.now()) { [self] in
                Agent(worker: self, spec: spec).run { [self] in
                    runsLeft -= 1
                    if windowOver && runsLeft == 0 {
                        finish()
                    }
                }
            }
        }
        after(cfg.measureStart - Monotonic.now()) { [self] in
            cpu0 = Monotonic.processCPU()
            after(cfg.measureEnd - Monotonic.now()) { [self] in
                result.cpuS = Monotonic.processCPU() - cpu0
                windowOver = true
                if runsLeft == 0 {
                    finish()
                } else {
                    // Let the last commands of the window finish (each waits at most event_timeout).
                    after(cfg.eventTimeout + 5) { [self] in finish() }
                }
            }
        }
    }

    /// Event-loop lag: how late a 50 ms timer fires (the client's own saturation), in the window.
    private func probeLag() {
        let t = Monotonic.now()
        after(0.05) { [self] in
            guard !stopping else { return }
            if cfg.measureStart <= t && t < cfg.measureEnd {
                result.lag.append(Monotonic.now() - t - 0.05)
            }
            probeLag()
        }
    }

    private func finish() {
        guard !finished else { return }
        finished = true
        // What is still running is cancelled, as the Python worker cancels its tasks: nothing that
        // fails from here on (closed connections) is counted.
        result.connectionsOpened = http.opened
        let report = result
        stopping = true
        http.closeAll()
        done(report)
    }
}
