/// Whether a drill must stop early (pure): the failed share of the requests
/// so far (once at least ``minimumSample`` were sent), or failures in a row.
public enum AbortMonitor {
    public static let minimumSample = 20

    /// The reason to abort, or nil.
    public static func reason(
        _ conditions: AbortConditions, sent: Int, failed: Int, consecutiveFailures: Int
    ) -> String? {
        if let limit = conditions.maxConsecutiveFailures, consecutiveFailures >= limit {
            return "\(consecutiveFailures) requests failed in a row (abort.maxConsecutiveFailures \(limit))"
        }
        if let limit = conditions.maxFailedRequestsPercent, sent >= minimumSample {
            let percent = Double(failed) * 100 / Double(sent)
            if percent > limit {
                return "\(SteadyStateEvaluator.number(percent)) % of \(sent) requests failed (abort.maxFailedRequestsPercent \(SteadyStateEvaluator.number(limit)))"
            }
        }
        return nil
    }
}
