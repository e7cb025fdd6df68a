/// The drill's running record: the timeline so far and the victims' tracker,
/// fed by the observation loop and read by the runner.
actor DrillMonitor {
    private(set) var observations: [Observation] = []
    private var tracker: VictimTracker?
    private(set) var faultAt: Double?

    func note(_ event: String, component: String = "drill", instance: String? = nil, detail: String? = nil, at time: Double) {
        observations.append(Observation(event: event, component: component, instance: instance, detail: detail, time: time))
    }

    /// Starts tracking the victims from `baseline`, at the fault.
    func faultInjected(at time: Double, tracker: VictimTracker) {
        faultAt = time
        self.tracker = tracker
    }

    /// Feeds a snapshot to the tracker: only one begun after the fault (an
    /// older one may show the state before it, such as the last rollout's).
    func record(_ snapshot: ClusterSnapshot) {
        guard var tracker, let faultAt, snapshot.started >= faultAt else { return }
        observations += tracker.observe(snapshot)
        self.tracker = tracker
    }

    var allRecovered: Bool { tracker?.allRecovered ?? false }

    var anyDetected: Bool { tracker?.anyNoticed ?? false }

    var instancesKeptRunning: Bool? { tracker?.instancesKeptRunning }
}
