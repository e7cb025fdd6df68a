/// How a ``CometDServer`` behaves: where it listens and the timing advice it
/// gives clients.
public struct CometDConfiguration: Sendable {
    /// The Bayeux endpoint, e.g. `/workspace/v3/notifications`. Requests go to
    /// this path or to `<path>/<message type>` (CometD JS appends the type).
    public var path: String
    /// How long a `/meta/connect` is held when there is nothing to deliver
    /// (`advice.timeout`).
    public var longPollTimeout: Duration
    /// How long clients wait between a connect reply and the next connect
    /// (`advice.interval`).
    public var interval: Duration
    /// A client with no connect for this long (and none held) is dropped.
    public var maxInactivity: Duration
    /// The most messages queued for one client; beyond it the oldest are dropped.
    public var maxQueuedMessages: Int
    /// How often the ``CometDServer/run()`` loop drops idle clients.
    public var sweepInterval: Duration
    /// The `advice.interval` of connects answered while the server stops, so
    /// clients do not spin against an instance that is going away.
    public var retryIntervalWhileStopping: Duration
    /// The largest request body accepted (bigger ones get 413).
    public var maxRequestBytes: Int

    public init(
        path: String,
        longPollTimeout: Duration = .seconds(20),
        interval: Duration = .zero,
        maxInactivity: Duration = .seconds(60),
        maxQueuedMessages: Int = 1000,
        sweepInterval: Duration = .seconds(5),
        retryIntervalWhileStopping: Duration = .seconds(1),
        maxRequestBytes: Int = 1024 * 1024
    ) {
        self.path = path
        self.longPollTimeout = longPollTimeout
        self.interval = interval
        self.maxInactivity = maxInactivity
        self.maxQueuedMessages = max(1, maxQueuedMessages)
        self.sweepInterval = sweepInterval
        self.retryIntervalWhileStopping = retryIntervalWhileStopping
        self.maxRequestBytes = maxRequestBytes
    }
}

extension Duration {
    /// Whole milliseconds, as Bayeux advice carries them.
    var bayeuxMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
