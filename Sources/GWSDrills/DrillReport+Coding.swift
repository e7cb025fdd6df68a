extension DrillReport {
    enum CodingKeys: String, CodingKey {
        case drill, hypothesis, target, fault, startedAt, faultInjectedAt, timeline, components, detectionSeconds
        case outOfRotationSeconds, recoverySeconds, promotedSeconds, serviceRestoredSeconds, requests, writes, sessions
        case instancesKeptRunning, checks, aborted, abortReason, passed, notes
    }

    /// Writes every key, `null` for what was not observed, so scripts can rely on them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(drill, forKey: .drill)
        try c.encode(hypothesis, forKey: .hypothesis)
        try c.encode(target, forKey: .target)
        try c.encode(fault, forKey: .fault)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(faultInjectedAt, forKey: .faultInjectedAt)
        try c.encode(timeline, forKey: .timeline)
        try c.encode(components, forKey: .components)
        try c.encode(detectionSeconds, forKey: .detectionSeconds)
        try c.encode(outOfRotationSeconds, forKey: .outOfRotationSeconds)
        try c.encode(recoverySeconds, forKey: .recoverySeconds)
        try c.encode(promotedSeconds, forKey: .promotedSeconds)
        try c.encode(serviceRestoredSeconds, forKey: .serviceRestoredSeconds)
        try c.encode(requests, forKey: .requests)
        try c.encode(writes, forKey: .writes)
        try c.encode(sessions, forKey: .sessions)
        try c.encode(instancesKeptRunning, forKey: .instancesKeptRunning)
        try c.encode(checks, forKey: .checks)
        try c.encode(aborted, forKey: .aborted)
        try c.encode(abortReason, forKey: .abortReason)
        try c.encode(passed, forKey: .passed)
        try c.encode(notes, forKey: .notes)
    }
}
