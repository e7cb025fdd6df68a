import GWSServiceKit
import GWSStores
import Logging
import Synchronization

/// A pattern subscription on Redis pub/sub that survives Redis outages, with
/// a readiness check: Workspace's `gws:events:*` and Statistics'
/// `gws:stats:*`.
///
/// ``consume(_:)`` subscribes, retrying with backoff while Redis is down
/// (a `PSUBSCRIBE` that is not confirmed leaves nothing subscribed), then
/// hands every message to its handler. Once subscribed, the
/// ``RedisSubscriber`` reconnects and subscribes again by itself after a
/// connection loss (messages published meanwhile are lost: that is Redis
/// pub/sub); the `redis` readiness check reports the outage meanwhile.
final class BusSubscription: Sendable {
    private enum State: Sendable {
        case pending(String)
        case subscribed
    }

    /// The readiness check's name (`event-bus`).
    let name: String
    /// The channel pattern, such as `gws:events:*`.
    let pattern: String
    private let subscriber: RedisSubscriber
    private let backoff: RetryBackoff
    private let logger: Logger
    private let state = Mutex(State.pending("not subscribed yet"))

    init(
        name: String, pattern: String, subscriber: RedisSubscriber,
        backoff: RetryBackoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(5)), logger: Logger
    ) {
        self.name = name
        self.pattern = pattern
        self.subscriber = subscriber
        self.backoff = backoff
        self.logger = logger
    }

    /// Whether the subscription is confirmed.
    var isSubscribed: Bool {
        state.withLock { if case .subscribed = $0 { true } else { false } }
    }

    /// Subscribes and calls `handle` with each message, in order, until the
    /// task is cancelled or the subscriber is closed. Keep `handle` quick:
    /// messages wait behind it.
    func consume(_ handle: @Sendable (RedisMessage) async -> Void) async {
        var backoff = backoff
        while !Task.isCancelled {
            let messages: AsyncStream<RedisMessage>
            do {
                messages = try await subscriber.psubscribe(patterns: [pattern])
            } catch {
                state.withLock { $0 = .pending("cannot subscribe to \(pattern): \(error)") }
                if let redisError = error as? RedisError, redisError.code == .clientClosed { return }
                let delay = backoff.next()
                logger.warning(
                    "cannot subscribe to the bus; retrying",
                    metadata: ["pattern": "\(pattern)", "error": "\(error)", "retryIn": "\(delay)"])
                try? await Task.sleep(for: delay)
                continue
            }
            backoff.reset()
            state.withLock { $0 = .subscribed }
            logger.info("subscribed to the bus", metadata: ["pattern": "\(pattern)"])
            for await message in messages {
                await handle(message)
            }
            state.withLock { $0 = .pending("the subscription to \(pattern) ended") }
        }
    }

    /// The readiness check: ok once subscribed.
    func readinessCheck() -> HealthCheckResult {
        state.withLock { state in
            switch state {
            case .subscribed: .ok
            case .pending(let reason): .failed(reason)
            }
        }
    }
}
