/// Caps retries at a share of the traffic, so that retrying never multiplies
/// the load on a struggling service: over a sliding window, retries may not
/// exceed `ratio` × requests (10 % by default), with a small floor so that a
/// quiet service can still retry a lone request. A plain value; time is passed in.
public struct RetryBudget: Sendable, Equatable {
    /// Retries allowed per request sent, e.g. 0.1.
    public let ratio: Double
    /// Retries always allowed within a window, whatever the traffic.
    public let minimumRetries: Int
    /// The window's length.
    public let window: Duration

    private var requests: [ContinuousClock.Instant] = []
    private var retries: [ContinuousClock.Instant] = []

    public init(ratio: Double = 0.1, minimumRetries: Int = 3, window: Duration = .seconds(10)) {
        self.ratio = ratio
        self.minimumRetries = minimumRetries
        self.window = window
    }

    /// Counts a request (first attempts only).
    public mutating func recordRequest(now: ContinuousClock.Instant) {
        forget(before: now - window)
        requests.append(now)
    }

    /// Takes a retry from the budget; false (nothing taken) when it is spent.
    public mutating func withdrawRetry(now: ContinuousClock.Instant) -> Bool {
        forget(before: now - window)
        let allowed = max(minimumRetries, Int(ratio * Double(requests.count)))
        guard retries.count < allowed else { return false }
        retries.append(now)
        return true
    }

    private mutating func forget(before start: ContinuousClock.Instant) {
        if let first = requests.firstIndex(where: { $0 >= start }) { requests.removeFirst(first) } else { requests.removeAll() }
        if let first = retries.firstIndex(where: { $0 >= start }) { retries.removeFirst(first) } else { retries.removeAll() }
    }
}
