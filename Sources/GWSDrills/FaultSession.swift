import Foundation
import GWSOperator
import GWSRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// One injected fault and what is scheduled after it: the SIGCONT that ends
/// a hang, the operator the drill starts when none took over.
actor FaultSession {
    let drill: DrillFile
    let target: ResolvedTarget
    let injector: FaultInjector
    let state: StateDirectory
    let identities: [String: FaultInjector.Identity]
    let faultAt: Double
    let monitor: DrillMonitor
    var resumed = false
    var operatorHandled = false

    private init(
        drill: DrillFile, target: ResolvedTarget, state: StateDirectory, identities: [String: FaultInjector.Identity],
        faultAt: Double, monitor: DrillMonitor
    ) {
        self.drill = drill
        self.target = target
        self.injector = FaultInjector(state: state)
        self.state = state
        self.identities = identities
        self.faultAt = faultAt
        self.monitor = monitor
    }

    /// Checks every victim, then injects the fault and starts tracking.
    static func inject(
        _ drill: DrillFile, target: ResolvedTarget, state: StateDirectory, monitor: DrillMonitor,
        baseline: ClusterSnapshot, clock: DrillClock
    ) async throws -> FaultSession {
        let injector = FaultInjector(state: state)
        var identities: [String: FaultInjector.Identity] = [:]
        if drill.fault.kind != .rollout, drill.fault.kind != .stepDown {
            for victim in target.victims { identities[victim.instance] = try injector.identify(victim) }
        }
        let tracker = VictimTracker(victims: target.victims, fault: drill.fault.kind, baseline: baseline)
        let action = DrillReportBuilder.fault(drill, target: target).action
        let faultAt: Double
        switch drill.fault.kind {
        case .rollout:
            // Accepted first: a look begun after `faultAt` must see this rollout, not the last one.
            let role = target.victims.first?.role ?? ""
            _ = try await AdminClient(state: state).rolloutRestart(role: role)
            faultAt = clock.now()
            await monitor.faultInjected(at: faultAt, tracker: tracker)
        case .stepDown:
            faultAt = clock.now()
            await monitor.faultInjected(at: faultAt, tracker: tracker)
            try await AdminClient(state: state).stepDown()
        case .kill, .hang, .restart:
            faultAt = clock.now()
            await monitor.faultInjected(at: faultAt, tracker: tracker)
            let signal: Int32
            switch drill.fault.kind {
            case .kill: signal = SIGKILL
            case .hang: signal = SIGSTOP
            default: signal = SIGTERM
            }
            for victim in target.victims {
                let s = drill.fault.kind == .restart ? FaultInjector.gracefulSignal(for: victim) : signal
                injector.send(s, to: victim, identity: identities[victim.instance]!)
            }
        }
        for victim in target.victims {
            await monitor.note(
                DrillEvent.faultInjected, instance: victim.instance, detail: "\(action) (pid \(victim.pid))", at: faultAt)
        }
        return FaultSession(
            drill: drill, target: target, state: state, identities: identities, faultAt: faultAt, monitor: monitor)
    }

    /// Runs what is due: the end of a hang, the operator's restart.
    func tick(clock: DrillClock) async {
        let now = clock.now()
        if drill.fault.kind == .hang, !resumed, now >= faultAt + (drill.fault.seconds ?? drill.duration) {
            resume(at: now)
        }
        if drill.fault.kind.stopsTheOperator, let after = drill.rollback.startOperatorAfter, now >= faultAt + after {
            await startOperatorIfNeeded(at: now)
        }
    }

    /// Ends the fault now (window over or abort): SIGCONT, operator started.
    func end(monitor: DrillMonitor, clock: DrillClock) async {
        let now = clock.now()
        if drill.fault.kind == .hang, !resumed { resume(at: now) }
        if drill.fault.kind.stopsTheOperator, drill.rollback.startOperatorAfter != nil { await startOperatorIfNeeded(at: now) }
    }

    private func resume(at time: Double) {
        resumed = true
        for victim in target.victims {
            guard let identity = identities[victim.instance] else { continue }
            let alive = ProcStat.isAlive(pid: victim.pid, startTime: identity.startTime)
            injector.send(SIGCONT, to: victim, identity: identity)
            Task { [monitor] in
                await monitor.note(
                    DrillEvent.faultEnded, instance: victim.instance,
                    detail: alive ? "SIGCONT" : "the hung process was already gone (replaced)", at: time)
            }
        }
    }

    /// Starts an operator unless the victim was not the operator, or another already took over.
    private func startOperatorIfNeeded(at time: Double) async {
        guard !operatorHandled, let victim = target.victims.first(where: \.isOperator) else { return }
        operatorHandled = true
        if let endpoint = state.readJSON(OperatorEndpoint.self, from: state.operatorFile), endpoint.pid != victim.pid,
            let stat = ProcStat.read(pid: endpoint.pid), stat.state != "Z"
        {
            return  // a standby took over
        }
        do {
            let pid = try injector.startOperator()
            await monitor.note(DrillEvent.operatorStarted, instance: "operator", detail: "pid \(pid)", at: time)
        } catch {
            await monitor.note(DrillEvent.operatorStarted, instance: "operator", detail: "failed: \(error)", at: time)
        }
    }
}
