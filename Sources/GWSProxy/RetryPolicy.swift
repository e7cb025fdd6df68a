import Hummingbird

/// When a failed attempt may be sent again to another instance: only
/// idempotent methods (never POST or PATCH), and at most `maxRetries` times.
public struct RetryPolicy: Sendable, Equatable {
    /// Methods safe to send twice.
    public static let idempotentMethods: Set<HTTPRequest.Method> = [.get, .head, .options, .put, .delete]

    /// Retries allowed after the first attempt.
    public var maxRetries: Int

    public init(maxRetries: Int = 2) {
        self.maxRetries = maxRetries
    }

    /// Whether a request that already used `retriesSoFar` retries may be tried again.
    public func mayRetry(_ method: HTTPRequest.Method, retriesSoFar: Int) -> Bool {
        Self.idempotentMethods.contains(method) && retriesSoFar < maxRetries
    }
}
