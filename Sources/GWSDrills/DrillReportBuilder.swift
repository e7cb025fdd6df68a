import Foundation

/// Builds a ``DrillReport`` from a ``DrillOutcome`` (pure): the timeline,
/// detection, out-of-rotation and recovery seconds (the slowest victim's),
/// per-component times, request and write counts, and the steady-state checks.
public enum DrillReportBuilder {
    public static func build(_ outcome: DrillOutcome) -> DrillReport {
        let zero = outcome.faultAt ?? 0
        let victims = outcome.target.victims
        let observations = outcome.observations.sorted { $0.time < $1.time }
        func first(_ event: String, _ instance: String?) -> Double? {
            guard outcome.faultAt != nil else { return nil }  // nothing to measure from
            return observations.first { $0.event == event && (instance == nil || $0.instance == instance) }.map { rounded($0.time - zero) }
        }
        let isRollout = outcome.drill.fault.kind == .rollout
        /// When the victim was out of rotation: discovery dropped it or the proxy ejected it.
        func out(_ v: DrillVictim) -> Double? {
            guard v.service != nil else { return nil }
            let proxy = outcome.faultAt == nil ? nil : observations.first {
                $0.event == DrillEvent.ejectedByProxy && ($0.instance == v.instance || $0.instance == nil)
            }.map { rounded($0.time - zero) }
            return [first(DrillEvent.outOfRotation, v.instance), proxy].compactMap { $0 }.min()
        }
        /// The first sign of the fault: the operator's status, discovery or the proxy.
        func detected(_ v: DrillVictim) -> Double? {
            [first(DrillEvent.detected, v.instance), out(v)].compactMap { $0 }.min()
        }
        /// Back in service: every component that saw it down saw it up again.
        func recovered(_ v: DrillVictim) -> Double? {
            let down = [first(DrillEvent.detected, v.instance), first(DrillEvent.outOfRotation, v.instance)]
            let up = [first(DrillEvent.recovered, v.instance), first(DrillEvent.backInRotation, v.instance)]
            guard down.contains(where: { $0 != nil }) else { return nil }
            for (d, u) in zip(down, up) where d != nil && u == nil { return nil }
            return up.compactMap { $0 }.max()
        }
        let detection = isRollout ? nil : Self.slowest(of: victims, detected)
        let inRotation = victims.filter { $0.service != nil }
        let outOfRotation: Double? = inRotation.isEmpty || isRollout ? nil : Self.slowest(of: victims, out)
        let recovery = isRollout ? first(DrillEvent.rolloutComplete, nil) : Self.slowest(of: victims, recovered)

        let records = outcome.records.sorted { $0.time < $1.time }
        let failures = records.filter(\.failed)
        let failuresByEnd = failures.sorted { $0.end < $1.end }
        var timeline = observations.map {
            TimelineEvent(
                event: $0.event, at: outcome.clock.timestamp($0.time), t: rounded($0.time - zero), component: $0.component,
                instance: $0.instance, detail: $0.detail)
        }
        if let firstFailure = failuresByEnd.first, let lastFailure = failuresByEnd.last {
            timeline.append(failureEvent(DrillEvent.firstFailedRequest, firstFailure, outcome.clock, zero))
            if failures.count > 1 { timeline.append(failureEvent(DrillEvent.lastFailedRequest, lastFailure, outcome.clock, zero)) }
            timeline.sort { $0.t < $1.t }
        }

        /// When the last failure came back: after it every request succeeded.
        let restored = outcome.faultAt == nil ? nil : failuresByEnd.last.map { rounded(max(0, $0.end - zero)) }
        var components = [
            DrillReport.Component(
                component: "operator", detectionSeconds: isRollout ? nil : Self.slowest(of: victims) { first(DrillEvent.detected, $0.instance) },
                recoverySeconds: isRollout ? recovery : Self.slowest(of: victims) { first(DrillEvent.recovered, $0.instance) },
                note: "its status shows the victim down or replaced, then ready again")
        ]
        if !inRotation.isEmpty {
            components.append(
                DrillReport.Component(
                    component: "discovery", detectionSeconds: Self.slowest(of: inRotation) { first(DrillEvent.outOfRotation, $0.instance) },
                    recoverySeconds: Self.slowest(of: inRotation) { first(DrillEvent.backInRotation, $0.instance) },
                    note: "Consul's passing list drops the victim, then lists it again"))
            components.append(
                DrillReport.Component(
                    component: "proxy", detectionSeconds: first(DrillEvent.ejectedByProxy, nil), recoverySeconds: nil,
                    note: "the proxy ejects an instance on a refused or reset connection (re-admitted by discovery)"))
        }
        components.append(
            DrillReport.Component(
                component: "load", detectionSeconds: failuresByEnd.first.map { rounded($0.end - zero) },
                recoverySeconds: restored,
                note: "first and last failure seen by the simulated agents"))

        let requests = counts(records, failures: failures, zero: zero)
        let verification = outcome.verification
        let writes = DrillReport.Writes(
            acknowledged: verification?.acknowledged ?? 0, lost: verification?.lost.count ?? 0,
            lostItems: Array((verification?.lost ?? []).prefix(50)), unverifiedAgents: verification?.unverifiedAgents ?? 0)
        let sessions = DrillReport.Sessions(agents: verification?.agents ?? 0, valid: verification?.validSessions ?? 0)
        let checks = SteadyStateEvaluator.evaluate(
            outcome.drill.steadyState, detection: detection, outOfRotation: outOfRotation, recovery: recovery,
            requests: requests, writes: writes, sessions: sessions, injected: outcome.faultAt != nil,
            detected: isRollout || detection != nil || victims.isEmpty)
        let aborted = outcome.abortReason != nil
        return DrillReport(
            drill: outcome.drill.name, hypothesis: outcome.drill.hypothesis, target: outcome.target,
            fault: fault(outcome.drill, target: outcome.target), startedAt: outcome.clock.timestamp(0),
            faultInjectedAt: outcome.faultAt.map(outcome.clock.timestamp), timeline: timeline, components: components,
            detectionSeconds: detection, outOfRotationSeconds: outOfRotation, recoverySeconds: recovery,
            promotedSeconds: Self.slowest(of: victims) { first(DrillEvent.promoted, $0.instance) },
            serviceRestoredSeconds: restored,
            requests: requests, writes: writes, sessions: sessions, instancesKeptRunning: outcome.instancesKeptRunning,
            checks: checks, aborted: aborted, abortReason: outcome.abortReason,
            passed: !aborted && checks.allSatisfy(\.passed), notes: outcome.notes)
    }

    /// Milliseconds are what a drill can tell apart.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    /// The slowest victim's time; nil unless every victim has one.
    static func slowest(of victims: [DrillVictim], _ time: (DrillVictim) -> Double?) -> Double? {
        let times = victims.map(time)
        guard !times.isEmpty, times.allSatisfy({ $0 != nil }) else { return nil }
        return times.compactMap { $0 }.max()
    }

    /// A failed request's event, at the time its failure came back.
    static func failureEvent(_ name: String, _ r: LoadRecord, _ clock: DrillClock, _ zero: Double) -> TimelineEvent {
        TimelineEvent(
            event: name, at: clock.timestamp(r.end), t: rounded(r.end - zero), component: "load", instance: nil,
            detail: describe(r))
    }

    static func describe(_ r: LoadRecord) -> String {
        "\(r.kind.rawValue) of agent \(r.agent): " + (r.error ?? "status \(r.status ?? 0)")
    }

    static func counts(_ records: [LoadRecord], failures: [LoadRecord], zero: Double) -> DrillReport.Requests {
        let reads = records.filter { $0.kind == .read }
        let writes = records.filter { $0.kind == .write }
        let percent = records.isEmpty ? 0 : (Double(failures.count) * 100 / Double(records.count) * 100).rounded() / 100
        let latencies = records.map(\.latency).sorted()
        func quantile(_ q: Double) -> Double {
            latencies.isEmpty ? 0 : rounded(latencies[min(latencies.count - 1, Int((Double(latencies.count) * q).rounded(.up)) - 1)])
        }
        return DrillReport.Requests(
            sent: records.count, failed: failures.count, failedPercent: percent,
            reads: .init(sent: reads.count, failed: reads.filter(\.failed).count),
            writes: .init(sent: writes.count, failed: writes.filter(\.failed).count),
            answeredBy: Dictionary(records.compactMap { r in r.instance.map { ($0, 1) } }, uniquingKeysWith: +),
            latency: .init(p50: quantile(0.5), p95: quantile(0.95), max: rounded(latencies.last ?? 0)),
            sampleFailures: failures.prefix(20).map { String(format: "%+.3fs ", $0.time - zero) + describe($0) })
    }

    static func fault(_ drill: DrillFile, target: ResolvedTarget) -> DrillReport.Fault {
        let isOperator = target.victims.contains(where: \.isOperator)
        let postgres = target.victims.contains { $0.role == "postgres" }
        let action: String
        switch drill.fault.kind {
        case .kill: action = isOperator ? "SIGKILL" : "SIGKILL to the process group"
        case .hang:
            let seconds = drill.fault.seconds ?? drill.duration
            action = "SIGSTOP\(isOperator ? "" : " to the process group"), SIGCONT after \(DrillDuration.format(seconds))"
        case .restart: action = postgres ? "SIGINT (PostgreSQL fast shutdown)" : "SIGTERM to the process group"
        case .rollout:
            let role = target.victims.first?.role ?? "?"
            action = "POST /admin/v1/rollouts/\(role)/restart"
        case .stepDown: action = "POST /admin/v1/step-down (gwsctl step-down)"
        }
        return DrillReport.Fault(
            kind: drill.fault.kind.rawValue, action: action,
            seconds: drill.fault.kind == .hang ? (drill.fault.seconds ?? drill.duration) : nil,
            durationSeconds: drill.duration)
    }
}
