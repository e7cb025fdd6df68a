/// Turns a series of ``ClusterSnapshot``s into timeline events for a drill's
/// victims (pure: snapshots in, events out, each event once).
///
/// For an instance: *detected* when the operator's status shows it down, not
/// ready or replaced; *out of rotation* when discovery stops listing it;
/// *ejected by proxy* when the proxy's ejection counter of its service rises;
/// *replaced* when a new pid runs under its id; *recovered* when, after that,
/// it is ready again; *back in rotation* when discovery lists it again. For
/// the operator: *detected* when it stops answering (or another answers),
/// *replaced*/*recovered* when an operator answers again with every instance
/// ready (and whether every instance kept its pid).
public struct VictimTracker: Sendable {
    struct State: Sendable {
        var detected = false
        var out = false
        var replaced = false
        var recovered = false
        var back = false
    }

    public let victims: [DrillVictim]
    public let fault: DrillFault.Kind
    let baseline: ClusterSnapshot
    var states: [String: State] = [:]
    var ejectedServices: Set<String> = []
    var promoted: Set<String> = []
    var rolloutDone = false
    /// Operator drills: whether every instance kept its process (adopted, not restarted).
    public private(set) var instancesKeptRunning: Bool?

    public init(victims: [DrillVictim], fault: DrillFault.Kind, baseline: ClusterSnapshot) {
        self.victims = victims
        self.fault = fault
        self.baseline = baseline
        for v in victims { states[v.instance] = State() }
    }

    /// Whether every victim recovered (and a rollout completed): each that
    /// was seen down (by the operator or by discovery) was seen back up.
    public var allRecovered: Bool {
        if fault == .rollout { return rolloutDone }
        return victims.allSatisfy { v in
            guard let s = states[v.instance], s.detected || s.out else { return false }
            return (!s.detected || s.recovered) && (!s.out || s.back)
                && (!wasSingletonLeader(v) || promoted.contains(v.instance))
        }
    }

    /// Whether `victim` led its role's elected singleton when the drill began.
    func wasSingletonLeader(_ victim: DrillVictim) -> Bool { baseline.row(victim.instance)?.replication == "leader" }

    /// Whether any victim was seen down.
    public var anyNoticed: Bool { states.values.contains { $0.detected || $0.out || $0.replaced } }

    /// The events `snapshot` shows for the first time.
    mutating func observe(_ snapshot: ClusterSnapshot) -> [Observation] {
        var events: [Observation] = []
        for victim in victims {
            if victim.isOperator {
                events += observeOperator(victim, snapshot)
            } else {
                events += observeInstance(victim, snapshot)
            }
        }
        events += observeEjections(snapshot)
        events += observePromotions(snapshot)
        if fault == .rollout, !rolloutDone, snapshot.rollout?.complete == true {
            rolloutDone = true
            events.append(Observation(
                event: DrillEvent.rolloutComplete, component: "operator", instance: nil,
                detail: snapshot.rollout?.message, time: snapshot.time))
        }
        return events
    }

    mutating func observeInstance(_ v: DrillVictim, _ s: ClusterSnapshot) -> [Observation] {
        var state = states[v.instance] ?? State()
        defer { states[v.instance] = state }
        var events: [Observation] = []
        func emit(_ event: String, _ component: String, _ detail: String? = nil) {
            events.append(Observation(event: event, component: component, instance: v.instance, detail: detail, time: s.time))
        }
        if let row = s.row(v.instance) {
            let newPID = row.pid != nil && row.pid != v.pid
            if !state.detected, fault != .rollout, newPID || !row.ready || row.state != "Running" {
                state.detected = true
                emit(DrillEvent.detected, "operator", "state \(row.state), ready \(row.ready)")
            }
            if !state.replaced, newPID {
                state.replaced = true
                emit(DrillEvent.replaced, "operator", "pid \(v.pid) → \(row.pid ?? 0)")
            }
            let after = fault == .rollout ? state.replaced : (state.detected || state.replaced)
            if !state.recovered, after, row.ready, row.state == "Running" {
                state.recovered = true
                emit(DrillEvent.recovered, "operator", "ready, pid \(row.pid ?? 0)")
            }
        }
        if let service = v.service, let passing = s.passing?[service] {
            let listed = passing.contains(v.instance)
            if !state.out, !listed {
                state.out = true
                emit(DrillEvent.outOfRotation, "discovery")
            } else if state.out, !state.back, listed {
                state.back = true
                emit(DrillEvent.backInRotation, "discovery")
            }
        }
        return events
    }

    mutating func observeOperator(_ v: DrillVictim, _ s: ClusterSnapshot) -> [Observation] {
        var state = states[v.instance] ?? State()
        defer { states[v.instance] = state }
        var events: [Observation] = []
        guard let status = s.status else {
            if !state.detected {
                state.detected = true
                events.append(Observation(
                    event: DrillEvent.detected, component: "drill", instance: "operator",
                    detail: "the operator's admin API stopped answering", time: s.time))
            }
            return events
        }
        if !state.detected, status.operatorPID != v.pid {
            // The new operator answered before any question went unanswered.
            state.detected = true
            events.append(Observation(
                event: DrillEvent.detected, component: "drill", instance: "operator",
                detail: "another operator answers", time: s.time))
        }
        guard state.detected, !state.recovered, status.phase == "Running" else { return events }
        if status.operatorPID != v.pid, !state.replaced {
            state.replaced = true
            events.append(Observation(
                event: DrillEvent.replaced, component: "operator", instance: "operator",
                detail: "operator pid \(v.pid) → \(status.operatorPID)", time: s.time))
        }
        state.recovered = true
        let before = Dictionary(
            (baseline.status?.instances ?? []).compactMap { r in r.pid.map { (r.instance, $0) } }, uniquingKeysWith: { a, _ in a })
        let kept = before.filter { id, pid in status.instances.first { $0.instance == id }?.pid == pid }.count
        instancesKeptRunning = kept == before.count
        events.append(Observation(
            event: DrillEvent.recovered, component: "operator", instance: "operator",
            detail: "answering (pid \(status.operatorPID)); \(kept)/\(before.count) instances kept their process",
            time: s.time))
        return events
    }

    /// A replicated store: another instance of the victim's role became the
    /// primary (`replication` master or primary in the operator's status). An
    /// elected singleton's leader: an instance leads it again (`leader`).
    mutating func observePromotions(_ s: ClusterSnapshot) -> [Observation] {
        guard let rows = s.status?.instances else { return [] }
        var events: [Observation] = []
        for v in victims where !v.isOperator && !promoted.contains(v.instance) {
            if wasSingletonLeader(v) {
                // A singleton leads again: another instance, or the victim's id in a new process.
                guard
                    let leader = rows.first(where: {
                        $0.role == v.role && $0.replication == "leader" && ($0.instance != v.instance || $0.pid != v.pid)
                    })
                else { continue }
                promoted.insert(v.instance)
                events.append(Observation(
                    event: DrillEvent.promoted, component: "election", instance: v.instance,
                    detail: "\(leader.instance) (pid \(leader.pid.map(String.init) ?? "?")) leads now", time: s.time))
                continue
            }
            guard
                let primary = rows.first(where: {
                    $0.role == v.role && $0.instance != v.instance && ["master", "primary"].contains($0.replication ?? "")
                }),
                baseline.row(primary.instance)?.replication != primary.replication
            else { continue }
            promoted.insert(v.instance)
            events.append(Observation(
                event: DrillEvent.promoted, component: "operator", instance: v.instance,
                detail: "\(primary.instance) is the \(primary.replication ?? "primary") now", time: s.time))
        }
        return events
    }

    mutating func observeEjections(_ s: ClusterSnapshot) -> [Observation] {
        guard let now = s.ejections else { return [] }
        var events: [Observation] = []
        for service in Set(victims.compactMap(\.service)) where !ejectedServices.contains(service) {
            let before = baseline.ejections?[service] ?? 0
            if (now[service] ?? 0) > before {
                ejectedServices.insert(service)
                let ids = victims.filter { $0.service == service }.map(\.instance)
                events.append(Observation(
                    event: DrillEvent.ejectedByProxy, component: "proxy", instance: ids.count == 1 ? ids[0] : nil,
                    detail: "an instance of \(service) was ejected", time: s.time))
            }
        }
        return events
    }
}
